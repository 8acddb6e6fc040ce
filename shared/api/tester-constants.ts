// The tester's constants without its schemas: `authbahn test` and the renderer read these, and importing
// tester-contract.ts for them would load zod and every schema before the first frame is sent.

/**
 * How the tester authenticates. 'totp' sends the current TOTP code as a WAMP-Ticket (authmethod "ticket");
 * 'cryptosign' signs with an Ed25519 private key: a stored key of the app (cryptosignKey) or the
 * profile's own secret (32-byte seed in hex).
 */
export const TESTER_AUTHMETHODS = ['anonymous', 'ticket', 'wampcra', 'totp', 'cryptosign'] as const;
export type TesterAuthMethod = (typeof TESTER_AUTHMETHODS)[number];

export const TESTER_SERIALIZERS = ['json', 'msgpack', 'cbor'] as const;
export type TesterSerializer = (typeof TESTER_SERIALIZERS)[number];

export const DEFAULT_TEST_TIMEOUT_MS = 5000;
export const MAX_PROBES_PER_ACTION = 20;
