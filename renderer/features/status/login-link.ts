// Web mode: the one-use link `authbahn serve` prints (http://127.0.0.1:PORT/login?code=…), pasted into the
// page. Opening it is a plain navigation — the page never reads or keeps the code — so all this checks is
// that the text is such a link on a loopback address, and not some other URL a paste could smuggle in.
import { LOGIN_PATH } from '../../bridge/protocol';

export type LoginLinkCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Finds the link in pasted text (the whole terminal line is fine) and checks it. */
export function parseLoginLink(text: string): LoginLinkCheck {
  const candidate = /\bhttps?:\/\/[^\s"'<>]+/i.exec(text)?.[0];
  if (!candidate) return { ok: false, message: 'Paste the whole link, starting with http://127.0.0.1:' };
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, message: 'That is not a complete link: copy it again from the terminal.' };
  }
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, message: `Authbahn links point to this computer (127.0.0.1), not to ${url.hostname}.` };
  }
  if (url.pathname !== LOGIN_PATH || !url.searchParams.get('code')) {
    return { ok: false, message: 'That is not an Authbahn sign-in link: it should end in /login?code=…' };
  }
  return { ok: true, url: url.href };
}
