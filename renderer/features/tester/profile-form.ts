// The profile form as plain values (strings, as the inputs hold them) and the pure steps around it:
// a saved profile → form, validation, form → the saveProfile arguments. The typed secret lives only in
// the form until it is saved; a stored secret is never read back — the form only knows it exists.
import { normalizeFingerprint } from '../../../shared/wamp/fingerprint';
import { parseRouterUrl } from '../../../shared/wamp/router-url';
import {
  DEFAULT_TEST_TIMEOUT_MS,
  MAX_PROBES_PER_ACTION,
  type ProbeAction,
  type TesterAuthMethod,
  type TesterProfileDraft,
  type TesterProfileInput,
  type TesterProfileView,
  type TesterSerializer,
} from '../../../shared/api/tester-contract';
import { redactUrlPassword, urlPassword } from '../../../shared/wamp/url-password';

export const PROBE_ACTIONS: readonly ProbeAction[] = ['call', 'register', 'publish', 'subscribe'];
export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

export const AUTHMETHOD_LABELS: Record<TesterAuthMethod, string> = {
  anonymous: 'Anonymous',
  ticket: 'Ticket',
  wampcra: 'WAMP-CRA (challenge-response)',
  totp: 'TOTP code as ticket',
  cryptosign: 'WAMP-Cryptosign (Ed25519)',
};

export interface ProfileForm {
  /** null: a new profile that was never saved. */
  id: string | null;
  name: string;
  url: string;
  realm: string;
  authmethod: TesterAuthMethod;
  authid: string;
  authrole: string;
  serializer: TesterSerializer;
  timeoutMs: string;
  /** What the user typed into the secret field; '' = leave the stored one as it is. */
  secret: string;
  /** A secret for this profile is in the keychain (as of the last save). */
  hasSecret: boolean;
  /** The user asked to delete the stored secret on the next save. */
  forgetSecret: boolean;
  /** TOTP-ticket: codes of a stored authenticator account, or of the profile's own secret. */
  totpSource: 'account' | 'secret';
  totpAccountId: string;
  totpAlgorithm: TotpAlgorithm;
  totpDigits: string;
  totpPeriod: string;
  /** WAMP-Cryptosign: a stored key of the app (Settings → Keys), or a private key of the profile's own. */
  cryptosignSource: 'key' | 'secret';
  cryptosignKey: string;
  /** WAMP-CRA key derivation when the router's CHALLENGE carries no salt ('' salt = none). */
  craSalt: string;
  craIterations: string;
  craKeylen: string;
  /** wss:// / rss://: CA file to trust, SHA-256 pin, or no check at all ('' = not set). */
  tlsCaFile: string;
  tlsPin: string;
  tlsInsecure: boolean;
  /** One URI per line, per action. */
  probes: Record<ProbeAction, string>;
}

export type FormField = Exclude<keyof ProfileForm, 'id' | 'hasSecret' | 'forgetSecret' | 'probes' | 'tlsInsecure'> | `probes.${ProbeAction}`;
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(): ProfileForm {
  return {
    id: null,
    name: '',
    url: 'ws://127.0.0.1:8080/ws',
    realm: 'realm1',
    authmethod: 'anonymous',
    authid: '',
    authrole: '',
    serializer: 'json',
    timeoutMs: String(DEFAULT_TEST_TIMEOUT_MS),
    secret: '',
    hasSecret: false,
    forgetSecret: false,
    totpSource: 'account',
    totpAccountId: '',
    totpAlgorithm: 'SHA1',
    totpDigits: '6',
    totpPeriod: '30',
    cryptosignSource: 'key',
    cryptosignKey: '',
    craSalt: '',
    craIterations: '1000',
    craKeylen: '32',
    tlsCaFile: '',
    tlsPin: '',
    tlsInsecure: false,
    probes: { call: '', register: '', publish: '', subscribe: '' },
  };
}

export function formFromProfile(p: TesterProfileView): ProfileForm {
  const base = emptyForm();
  return {
    ...base,
    id: p.id,
    name: p.name,
    url: p.url,
    realm: p.realm,
    authmethod: p.authmethod,
    authid: p.authid ?? '',
    authrole: p.authrole ?? '',
    serializer: p.serializer,
    timeoutMs: String(p.timeoutMs),
    hasSecret: p.hasSecret,
    totpSource: p.authmethod === 'totp' && !p.totpAccountId && p.hasSecret ? 'secret' : 'account',
    totpAccountId: p.totpAccountId ?? '',
    totpAlgorithm: p.totp?.algorithm ?? base.totpAlgorithm,
    totpDigits: String(p.totp?.digits ?? base.totpDigits),
    totpPeriod: String(p.totp?.period ?? base.totpPeriod),
    cryptosignSource: p.authmethod === 'cryptosign' && !p.cryptosignKey && p.hasSecret ? 'secret' : 'key',
    cryptosignKey: p.cryptosignKey ?? '',
    craSalt: p.cra?.salt ?? '',
    craIterations: String(p.cra?.iterations ?? base.craIterations),
    craKeylen: String(p.cra?.keylen ?? base.craKeylen),
    tlsCaFile: p.tls?.caFile ?? '',
    tlsPin: p.tls?.pin ?? '',
    tlsInsecure: p.tls?.insecure === true,
    probes: {
      call: p.probes.call.join('\n'),
      register: p.probes.register.join('\n'),
      publish: p.probes.publish.join('\n'),
      subscribe: p.probes.subscribe.join('\n'),
    },
  };
}

/** Whether the profile authenticates with a secret of its own (kept in the keychain). */
export function usesOwnSecret(form: Pick<ProfileForm, 'authmethod' | 'totpSource' | 'cryptosignSource'>): boolean {
  if (form.authmethod === 'anonymous') return false;
  if (form.authmethod === 'totp') return form.totpSource === 'secret';
  if (form.authmethod === 'cryptosign') return form.cryptosignSource === 'secret';
  return true;
}

/** What the secret is called for this authmethod (field label and messages). */
export function secretLabel(authmethod: TesterAuthMethod): string {
  switch (authmethod) {
    case 'ticket':
      return 'Ticket';
    case 'wampcra':
      return 'WAMP-CRA secret';
    case 'totp':
      return 'TOTP secret (base32)';
    case 'cryptosign':
      return 'Private key (32-byte seed, hex)';
    case 'anonymous':
      return 'Secret';
  }
}

/** Secret state shown next to the field. */
export function secretStatus(form: ProfileForm): 'typed' | 'stored' | 'forget' | 'none' {
  if (form.secret !== '') return 'typed';
  if (form.hasSecret && form.forgetSecret) return 'forget';
  return form.hasSecret ? 'stored' : 'none';
}

/** Probe URIs of one textarea: one per line, blank lines and surrounding spaces dropped, duplicates once. */
export function parseProbeList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const uri = line.trim();
    if (uri !== '') seen.add(uri);
  }
  return [...seen];
}

const intIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
};

/** ws://, wss://, rs://, rss:// or unix:/path, the same rule the engine applies on save. */
export function urlError(url: string): string | undefined {
  const text = url.trim();
  if (text === '') return 'Enter the router\'s URL, e.g. ws://127.0.0.1:8080/ws or rs://127.0.0.1:8081';
  const parsed = parseRouterUrl(text);
  if (parsed.ok) return undefined;
  return parsed.error.charAt(0).toUpperCase() + parsed.error.slice(1);
}

/** The Router URL field's hint: a password typed into the URL goes to the keychain on save, not the profile. */
export function urlHint(url: string): string {
  if (urlPassword(url.trim()) !== null) return 'The password in this URL is moved to the keychain when you save; results show it as •••';
  return 'ws://host:port/path, wss://…, rs://host:port, rss://… or unix:/path; a password (ws://user:password@host) is kept in the keychain';
}

/** The form's URL wherever it is shown outside its input (progress line, screen-reader announcement). */
export function shownUrl(url: string): string {
  return redactUrlPassword(url.trim());
}

export function validateForm(form: ProfileForm): FormErrors {
  const errors: FormErrors = {};
  if (form.name.trim() === '') errors.name = 'Give the profile a name';
  else if (form.name.trim().length > 128) errors.name = 'At most 128 characters';
  const url = urlError(form.url);
  if (url) errors.url = url;
  else if (form.url.trim().length > 2048) errors.url = 'At most 2048 characters';
  if (form.realm.trim() === '') errors.realm = 'Enter the realm to join';
  else if (form.realm.trim().length > 255) errors.realm = 'At most 255 characters';
  if (form.authid.length > 255) errors.authid = 'At most 255 characters';
  if (form.authrole.length > 255) errors.authrole = 'At most 255 characters';
  if (intIn(form.timeoutMs, 100, 120_000) === null) errors.timeoutMs = 'A whole number of milliseconds from 100 to 120000';

  if (usesOwnSecret(form)) {
    const status = secretStatus(form);
    if (status === 'none' || status === 'forget') errors.secret = `Enter the ${secretLabel(form.authmethod).toLowerCase()}`;
    else if (form.secret.length > 4096) errors.secret = 'At most 4096 characters';
    else if (form.secret !== '' && form.authmethod === 'cryptosign' && !/^(0x)?([0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/.test(form.secret.trim())) {
      errors.secret = 'A WAMP-Cryptosign private key is 32 bytes in hex (64 hex digits)';
    } else if (form.secret !== '' && form.authmethod === 'totp' && !/^[A-Za-z2-7\s=-]+$/.test(form.secret)) {
      errors.secret = 'A TOTP secret is base32: letters A–Z and digits 2–7';
    }
  }
  if (form.authmethod === 'totp' && form.totpSource === 'account' && form.totpAccountId === '') {
    errors.totpAccountId = 'Choose the authenticator account whose code is the ticket';
  }
  if (form.authmethod === 'cryptosign' && form.cryptosignSource === 'key' && form.cryptosignKey === '') {
    errors.cryptosignKey = 'Choose a stored key (make one in Settings → Keys)';
  }
  if (form.authmethod === 'totp' && form.totpSource === 'secret') {
    if (intIn(form.totpDigits, 6, 8) === null) errors.totpDigits = '6 to 8 digits';
    if (intIn(form.totpPeriod, 1, 3600) === null) errors.totpPeriod = '1 to 3600 seconds';
  }
  if (form.authmethod === 'wampcra' && form.craSalt !== '') {
    if (form.craSalt.length > 256) errors.craSalt = 'At most 256 characters';
    if (intIn(form.craIterations, 1, 10_000_000) === null) errors.craIterations = 'A whole number from 1 to 10000000';
    if (intIn(form.craKeylen, 1, 1024) === null) errors.craKeylen = 'A whole number of bytes from 1 to 1024';
  }
  if (form.tlsPin.trim() !== '' && normalizeFingerprint(form.tlsPin) === undefined) errors.tlsPin = 'A SHA-256 fingerprint: 64 hex digits (colons allowed)';
  if (form.tlsCaFile.length > 4096) errors.tlsCaFile = 'At most 4096 characters';
  for (const action of PROBE_ACTIONS) {
    const uris = parseProbeList(form.probes[action]);
    const field = `probes.${action}` as const;
    if (uris.length > MAX_PROBES_PER_ACTION) errors[field] = `At most ${MAX_PROBES_PER_ACTION} URIs`;
    else if (uris.some((u) => u.length > 512)) errors[field] = 'A URI has at most 512 characters';
    else if (uris.some((u) => /\s/.test(u))) errors[field] = 'One URI per line, without spaces';
  }
  return errors;
}

export interface SaveArgs {
  input: TesterProfileInput;
  /** saveProfile's secret argument: string = store, null = delete, undefined = keep. */
  secret: string | null | undefined;
}

/** The saveProfile arguments of a valid form (call validateForm first). */
export function toSaveArgs(form: ProfileForm): SaveArgs {
  const input: TesterProfileInput = {
    name: form.name.trim(),
    url: form.url.trim(),
    realm: form.realm.trim(),
    authmethod: form.authmethod,
    serializer: form.serializer,
    timeoutMs: Number(form.timeoutMs.trim()),
    probes: {
      call: parseProbeList(form.probes.call),
      register: parseProbeList(form.probes.register),
      publish: parseProbeList(form.probes.publish),
      subscribe: parseProbeList(form.probes.subscribe),
    },
  };
  if (form.id !== null) input.id = form.id;
  if (form.authid.trim() !== '') input.authid = form.authid.trim();
  if (form.authrole.trim() !== '') input.authrole = form.authrole.trim();
  if (form.authmethod === 'totp') {
    if (form.totpSource === 'account') input.totpAccountId = form.totpAccountId;
    else input.totp = { algorithm: form.totpAlgorithm, digits: Number(form.totpDigits), period: Number(form.totpPeriod) };
  }
  if (form.authmethod === 'cryptosign' && form.cryptosignSource === 'key') input.cryptosignKey = form.cryptosignKey;
  if (form.authmethod === 'wampcra' && form.craSalt !== '') {
    input.cra = { salt: form.craSalt, iterations: Number(form.craIterations), keylen: Number(form.craKeylen) };
  }
  const tls = {
    ...(form.tlsCaFile.trim() !== '' ? { caFile: form.tlsCaFile.trim() } : {}),
    ...(form.tlsPin.trim() !== '' ? { pin: form.tlsPin.trim() } : {}),
    ...(form.tlsInsecure ? { insecure: true } : {}),
  };
  if (Object.keys(tls).length > 0) input.tls = tls;

  let secret: string | null | undefined;
  if (!usesOwnSecret(form)) secret = form.hasSecret ? null : undefined; // no stale secret left behind
  else if (form.secret !== '') secret = form.authmethod === 'cryptosign' ? form.secret.trim() : form.secret;
  else secret = form.hasSecret && form.forgetSecret ? null : undefined;
  return { input, secret };
}

/**
 * "Run without saving": the form's draft and the secret to run it with — the typed one, none when the
 * user asked to forget the stored one, else undefined (the engine then uses the saved profile's secret).
 */
export function toDraftRun(form: ProfileForm): { profile: TesterProfileDraft; secret: string | undefined } {
  const { input, secret } = toSaveArgs(form);
  const { id: _id, ...profile } = input;
  if (typeof secret === 'string') return { profile, secret };
  return { profile, secret: usesOwnSecret(form) && form.hasSecret && form.forgetSecret ? '' : undefined };
}

/** Unsaved changes: anything typed into the secret field, or a value that differs from the saved one. */
export function isDirty(form: ProfileForm, saved: ProfileForm | null): boolean {
  if (saved === null) return true;
  if (form.secret !== '' || form.forgetSecret) return true;
  return JSON.stringify(toComparable(form)) !== JSON.stringify(toComparable(saved));
}

function toComparable(form: ProfileForm): unknown {
  const { secret: _s, forgetSecret: _f, hasSecret: _h, ...rest } = form;
  return { ...rest, probes: PROBE_ACTIONS.map((a) => parseProbeList(form.probes[a])) };
}

/** A form with the given field changed; switching the authmethod drops what no longer applies. */
export function withField<F extends keyof ProfileForm>(form: ProfileForm, field: F, value: ProfileForm[F]): ProfileForm {
  const next = { ...form, [field]: value };
  if (field === 'authmethod' && value !== form.authmethod) {
    // A secret typed for one method is rarely right for another (a ticket is not a base32 seed).
    next.secret = '';
  }
  return next;
}
