// The small server-rendered pages a login link can end on when it does not sign the browser in. They are
// static text (nothing from the request is echoed) and need no script or style, so the strict CSP holds.
import type { RedeemOutcome } from './login-codes';

export type LoginRefusal = Exclude<RedeemOutcome, 'ok'> | 'locked';

const PAGES: Record<LoginRefusal, { status: number; title: string; body: string[] }> = {
  used: {
    status: 410,
    title: 'This link was already used',
    body: [
      'Each link printed by <code>authbahn serve</code> signs in one browser, once — so a copy left in the browser history, a screenshot or the process list is of no use to anyone.',
      'If Authbahn is already open in this browser, switch to that tab, or <a href="/">open Authbahn here</a> (it works in the browser that used the link).',
      'Otherwise stop <code>authbahn serve</code> (Ctrl+C) and run it again for a new link.',
    ],
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    body: [
      'The link that <code>authbahn serve --open</code> hands to the browser is only valid for a short time.',
      'Open the link printed in the terminal instead, or stop <code>authbahn serve</code> (Ctrl+C) and run it again.',
    ],
  },
  invalid: {
    status: 403,
    title: 'This link is not valid',
    body: [
      'This link does not belong to the running Authbahn server — it may come from an earlier run of <code>authbahn serve</code>.',
      'Run <code>authbahn serve</code> again and open the new link it prints.',
    ],
  },
  locked: {
    status: 429,
    title: 'Too many wrong links',
    body: ['Too many invalid links were tried from this computer. Wait a few seconds, then open the link printed by <code>authbahn serve</code> again.'],
  },
};

export function loginRefusalPage(reason: LoginRefusal): { status: number; html: string } {
  const page = PAGES[reason];
  const html = [
    '<!doctype html>',
    // The empty data: icon keeps the browser from asking for /favicon.ico (a 404) on this page.
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,">',
    `<title>Authbahn — ${page.title}</title></head>`,
    `<body data-login-refusal="${reason}"><h1>${page.title}</h1>`,
    ...page.body.map((p) => `<p>${p}</p>`),
    '</body></html>',
  ].join('\n');
  return { status: page.status, html };
}
