import { describe, expect, it } from 'vitest';
import { testerProfileInputSchema, type TesterProfileView } from '../../../shared/api/tester-contract';
import {
  emptyForm,
  formFromProfile,
  isDirty,
  parseProbeList,
  secretStatus,
  shownUrl,
  toSaveArgs,
  urlError,
  urlHint,
  usesOwnSecret,
  validateForm,
  withField,
  type ProfileForm,
} from '../../../renderer/features/tester/profile-form';

const view = (over: Partial<TesterProfileView> = {}): TesterProfileView => ({
  id: 'p1',
  name: 'Local',
  url: 'ws://127.0.0.1:8080/ws',
  realm: 'realm1',
  authmethod: 'ticket',
  authid: 'joe',
  serializer: 'json',
  timeoutMs: 5000,
  probes: { call: ['com.example.add2'], register: [], publish: ['com.example.a', 'com.example.b'], subscribe: [] },
  hasSecret: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const filled = (over: Partial<ProfileForm> = {}): ProfileForm => ({ ...emptyForm(), name: 'Test', ...over });

describe('tester profile form', () => {
  it('round-trips a saved profile through the form without touching the stored secret', () => {
    const form = formFromProfile(view());
    expect(form.secret).toBe('');
    expect(secretStatus(form)).toBe('stored');
    expect(form.probes.publish).toBe('com.example.a\ncom.example.b');
    expect(validateForm(form)).toEqual({});
    const { input, secret } = toSaveArgs(form);
    expect(secret).toBeUndefined();
    expect(input).toEqual({
      id: 'p1',
      name: 'Local',
      url: 'ws://127.0.0.1:8080/ws',
      realm: 'realm1',
      authmethod: 'ticket',
      authid: 'joe',
      serializer: 'json',
      timeoutMs: 5000,
      probes: { call: ['com.example.add2'], register: [], publish: ['com.example.a', 'com.example.b'], subscribe: [] },
    });
    expect(testerProfileInputSchema.safeParse(input).success).toBe(true);
  });

  it('stores a typed secret, deletes a forgotten one, and drops one the method no longer uses', () => {
    const form = formFromProfile(view());
    expect(toSaveArgs({ ...form, secret: 'new ticket ' }).secret).toBe('new ticket ');
    expect(toSaveArgs({ ...form, forgetSecret: true, authmethod: 'anonymous' }).secret).toBeNull();
    expect(toSaveArgs({ ...form, authmethod: 'anonymous' }).secret).toBeNull();
    expect(toSaveArgs({ ...form, authmethod: 'totp', totpSource: 'account', totpAccountId: 'acc1' }).secret).toBeNull();
    expect(toSaveArgs(filled({ authmethod: 'anonymous' })).secret).toBeUndefined();
  });

  it('asks for the secret when the method needs one and none is stored or typed', () => {
    expect(validateForm(filled({ authmethod: 'ticket' })).secret).toBe('Enter the ticket');
    expect(validateForm(filled({ authmethod: 'ticket', secret: 'x' })).secret).toBeUndefined();
    const stored = formFromProfile(view());
    expect(validateForm({ ...stored, forgetSecret: true }).secret).toBe('Enter the ticket');
    expect(validateForm(filled({ authmethod: 'anonymous' })).secret).toBeUndefined();
  });

  it('checks secrets whose format is known', () => {
    expect(validateForm(filled({ authmethod: 'cryptosign', cryptosignSource: 'secret', secret: 'abc' })).secret).toMatch(/64 hex digits/);
    expect(validateForm(filled({ authmethod: 'cryptosign', cryptosignSource: 'secret', secret: 'a'.repeat(64) })).secret).toBeUndefined();
    expect(toSaveArgs(filled({ authmethod: 'cryptosign', cryptosignSource: 'secret', secret: ` ${'b'.repeat(64)} ` })).secret).toBe('b'.repeat(64));
    expect(validateForm(filled({ authmethod: 'totp', totpSource: 'secret', secret: 'not base32!' })).secret).toMatch(/base32/);
    expect(validateForm(filled({ authmethod: 'totp', totpSource: 'secret', secret: 'JBSW Y3DP EHPK 3PXP' })).secret).toBeUndefined();
  });

  it('uses a stored authenticator account for TOTP-ticket, or the profile\'s own secret with its parameters', () => {
    const byAccount = filled({ authmethod: 'totp', totpSource: 'account' });
    expect(validateForm(byAccount).totpAccountId).toBeDefined();
    expect(usesOwnSecret(byAccount)).toBe(false);
    const args = toSaveArgs({ ...byAccount, totpAccountId: 'acc-7' });
    expect(args.input.totpAccountId).toBe('acc-7');
    expect(args.input.totp).toBeUndefined();

    const bySecret = filled({ authmethod: 'totp', totpSource: 'secret', secret: 'JBSWY3DPEHPK3PXP', totpAlgorithm: 'SHA256', totpDigits: '8', totpPeriod: '60' });
    expect(validateForm(bySecret)).toEqual({});
    const own = toSaveArgs(bySecret);
    expect(own.input.totp).toEqual({ algorithm: 'SHA256', digits: 8, period: 60 });
    expect(own.input.totpAccountId).toBeUndefined();
    expect(validateForm({ ...bySecret, totpDigits: '5' }).totpDigits).toBeDefined();

    // A saved TOTP profile reopens with the source it was saved with.
    expect(formFromProfile(view({ authmethod: 'totp', totpAccountId: 'acc-7', hasSecret: false })).totpSource).toBe('account');
    expect(formFromProfile(view({ authmethod: 'totp', hasSecret: true })).totpSource).toBe('secret');
  });

  it('cryptosign signs with a stored key (the default) or a private key of its own', () => {
    expect(validateForm(filled({ authmethod: 'cryptosign' })).cryptosignKey).toMatch(/Choose a stored key/);
    const byKey = filled({ authmethod: 'cryptosign', cryptosignKey: 'laptop' });
    expect(validateForm(byKey)).toEqual({});
    expect(toSaveArgs(byKey)).toMatchObject({ input: { authmethod: 'cryptosign', cryptosignKey: 'laptop' }, secret: undefined });
    expect(testerProfileInputSchema.safeParse(toSaveArgs(byKey).input).success).toBe(true);
    // A profile that had its own key and switches to a stored one drops the stale secret.
    expect(toSaveArgs({ ...byKey, hasSecret: true }).secret).toBeNull();
    expect(formFromProfile(view({ authmethod: 'cryptosign', cryptosignKey: 'laptop', hasSecret: false }))).toMatchObject({ cryptosignSource: 'key', cryptosignKey: 'laptop' });
    expect(formFromProfile(view({ authmethod: 'cryptosign', hasSecret: true })).cryptosignSource).toBe('secret');
  });

  it('sends WAMP-CRA key derivation only with a salt, and validates its numbers', () => {
    const cra = filled({ authmethod: 'wampcra', secret: 's' });
    expect(toSaveArgs(cra).input.cra).toBeUndefined();
    const salted = { ...cra, craSalt: 'salt123', craIterations: '100', craKeylen: '16' };
    expect(toSaveArgs(salted).input.cra).toEqual({ salt: 'salt123', iterations: 100, keylen: 16 });
    expect(validateForm({ ...salted, craIterations: '0' }).craIterations).toBeDefined();
    expect(validateForm({ ...salted, craKeylen: '1.5' }).craKeylen).toBeDefined();
    expect(formFromProfile(view({ authmethod: 'wampcra', cra: { salt: 'x', iterations: 7, keylen: 9 } }))).toMatchObject({
      craSalt: 'x',
      craIterations: '7',
      craKeylen: '9',
    });
  });

  it('accepts ws://, wss://, rs://, rss:// and unix: router URLs', () => {
    expect(urlError('ws://127.0.0.1:8080/ws')).toBeUndefined();
    expect(urlError('wss://router.example.com/ws')).toBeUndefined();
    expect(urlError('rs://127.0.0.1:8081')).toBeUndefined();
    expect(urlError('rss://router.example.com:9443')).toBeUndefined();
    expect(urlError('unix:/run/authbahn/router.sock')).toBeUndefined();
    expect(urlError('rs://127.0.0.1')).toMatch(/needs a port/);
    expect(urlError('')).toMatch(/Enter/);
    expect(urlError('http://example.com')).toMatch(/ws:\/\/, wss:\/\/, rs:\/\/, rss:\/\/ or unix:/);
    expect(urlError('not a url')).toMatch(/Not a valid URL/);
    expect(validateForm(filled({ url: 'https://x' })).url).toBeDefined();
  });

  it('saves TLS trust options and checks the pin', () => {
    const pin = 'AB:'.repeat(31) + 'AB';
    const form = filled({ url: 'wss://127.0.0.1:8443/ws', tlsCaFile: ' /etc/router/cert.pem ', tlsPin: pin });
    expect(validateForm(form).tlsPin).toBeUndefined();
    expect(toSaveArgs(form).input.tls).toEqual({ caFile: '/etc/router/cert.pem', pin });
    expect(validateForm(filled({ tlsPin: 'abc' })).tlsPin).toMatch(/SHA-256/);
    expect(toSaveArgs(filled({})).input.tls).toBeUndefined();
  });

  it('requires name, realm and a sane timeout', () => {
    const errors = validateForm({ ...emptyForm(), realm: ' ', timeoutMs: '50' });
    expect(Object.keys(errors).sort()).toEqual(['name', 'realm', 'timeoutMs']);
    expect(validateForm(filled({ timeoutMs: '120000' })).timeoutMs).toBeUndefined();
    expect(validateForm(filled({ timeoutMs: '120001' })).timeoutMs).toBeDefined();
  });

  it('reads probe URIs one per line, trimmed and without duplicates, and limits them', () => {
    expect(parseProbeList(' com.a \n\ncom.b\r\ncom.a\n')).toEqual(['com.a', 'com.b']);
    const many = Array.from({ length: 21 }, (_, i) => `com.p${i}`).join('\n');
    expect(validateForm(filled({ probes: { ...emptyForm().probes, call: many } }))['probes.call']).toMatch(/At most 20/);
    expect(validateForm(filled({ probes: { ...emptyForm().probes, subscribe: 'com.a com.b' } }))['probes.subscribe']).toMatch(/without spaces/);
  });

  it('knows when there are unsaved changes', () => {
    const saved = formFromProfile(view());
    expect(isDirty(saved, saved)).toBe(false);
    expect(isDirty({ ...saved, probes: { ...saved.probes, publish: 'com.example.a\n com.example.b \n' } }, saved)).toBe(false);
    expect(isDirty({ ...saved, realm: 'other' }, saved)).toBe(true);
    expect(isDirty({ ...saved, secret: 'x' }, saved)).toBe(true);
    expect(isDirty({ ...saved, forgetSecret: true }, saved)).toBe(true);
    expect(isDirty(emptyForm(), null)).toBe(true);
  });

  it('clears a typed secret when the auth method changes', () => {
    const form = filled({ authmethod: 'ticket', secret: 'tkt' });
    expect(withField(form, 'authmethod', 'wampcra').secret).toBe('');
    expect(withField(form, 'authid', 'joe').secret).toBe('tkt');
  });
});

describe('a password in the router URL', () => {
  it('is masked wherever the form shows the URL outside its input', () => {
    expect(shownUrl(' ws://joe:hunter2@127.0.0.1:8080/ws ')).toBe('ws://joe:•••@127.0.0.1:8080/ws');
    expect(shownUrl('ws://127.0.0.1:8080/ws')).toBe('ws://127.0.0.1:8080/ws');
  });

  it('is announced as going to the keychain on save', () => {
    expect(urlHint('ws://joe:hunter2@127.0.0.1:8080/ws')).toMatch(/moved to the keychain/);
    expect(urlHint('ws://127.0.0.1:8080/ws')).toMatch(/^ws:\/\/host:port\/path, wss:\/\/…, rs:\/\/host:port/);
  });
});
