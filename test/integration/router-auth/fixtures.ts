// The config shared by the authentication integration tests: every static method on one transport.
import { deriveCraKey } from '../../../shared/wamp/cra';

export const ROLES = [
  {
    name: 'frontend',
    permissions: [
      { uri: 'com.example.', match: 'prefix', allow: { call: true, subscribe: true, publish: true } },
      { uri: 'com.example.admin.', match: 'prefix', allow: {} },
    ],
  },
  { name: 'backend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } }] },
  { name: 'public', permissions: [{ uri: 'com.example.public.*', allow: { subscribe: true } }] },
];

/** One TOTP principal per client × serializer, so replay protection of one test never hits another. */
export const TOTP_SECRETS: Record<string, string> = {
  'totp-js-json': 'JBSWY3DPEHPK3PXP',
  'totp-js-msgpack': 'GEZDGNBVGY3TQOJQ',
  'totp-js-cbor': 'MFRGGZDFMZTWQ2LK',
  'totp-py-json': 'ONSWG4TFOQYTEMZU',
  'totp-py-msgpack': 'KRUGS4ZANFZSAYLT',
};

export const ALICE_PASSWORD = 'alice-password';

export const AUTH = {
  anonymous: { type: 'static', role: 'public' },
  ticket: {
    type: 'static',
    principals: {
      joe: { ticket: 'secret!!!', role: 'frontend' },
      ...Object.fromEntries(Object.entries(TOTP_SECRETS).map(([authid, secret]) => [authid, { ticket: { totp: secret.toLowerCase() }, role: 'frontend' }])),
    },
  },
  wampcra: {
    type: 'static',
    users: {
      bob: { secret: 'bob-secret', role: 'frontend' },
      alice: { secret: deriveCraKey(ALICE_PASSWORD, 'pepper', 1000, 32), role: 'backend', salt: 'pepper', iterations: 1000, keylen: 32 },
    },
  },
};
