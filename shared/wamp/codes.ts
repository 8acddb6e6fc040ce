// WAMP v2 message type codes (basic + advanced profile messages we route).
export const MSG = {
  HELLO: 1,
  WELCOME: 2,
  ABORT: 3,
  CHALLENGE: 4,
  AUTHENTICATE: 5,
  GOODBYE: 6,
  ERROR: 8,
  PUBLISH: 16,
  PUBLISHED: 17,
  SUBSCRIBE: 32,
  SUBSCRIBED: 33,
  UNSUBSCRIBE: 34,
  UNSUBSCRIBED: 35,
  EVENT: 36,
  CALL: 48,
  CANCEL: 49,
  RESULT: 50,
  REGISTER: 64,
  REGISTERED: 65,
  UNREGISTER: 66,
  UNREGISTERED: 67,
  INVOCATION: 68,
  INTERRUPT: 69,
  YIELD: 70,
} as const;

export type MessageName = keyof typeof MSG;
export type MessageCode = (typeof MSG)[MessageName];

const NAMES = new Map<number, MessageName>(Object.entries(MSG).map(([name, code]) => [code, name as MessageName]));

/** "HELLO", "CALL", … or "UNKNOWN(n)" for codes outside the protocol (shown in traces). */
export function messageName(code: number): string {
  return NAMES.get(code) ?? `UNKNOWN(${code})`;
}

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'number' && NAMES.has(code);
}
