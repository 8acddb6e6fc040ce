// Typed WAMP message tuples and their validation. Messages stay the arrays the serializer produced
// (no per-message object allocation on the router's hot path); parseMessage checks the code, the
// length and the type of every field, so the rest of the code can index them without re-checking.
import { MSG, messageName } from './codes';
import { isWampId } from './ids';

export type Dict = Record<string, unknown>;
export type Args = unknown[];

export type HelloMessage = [typeof MSG.HELLO, string, Dict];
export type WelcomeMessage = [typeof MSG.WELCOME, number, Dict];
export type AbortMessage = [typeof MSG.ABORT, Dict, string];
export type ChallengeMessage = [typeof MSG.CHALLENGE, string, Dict];
export type AuthenticateMessage = [typeof MSG.AUTHENTICATE, string, Dict];
export type GoodbyeMessage = [typeof MSG.GOODBYE, Dict, string];
/** [ERROR, REQUEST.Type, REQUEST.Request, Details, Error, Arguments?, ArgumentsKw?] */
export type ErrorMessage = [typeof MSG.ERROR, number, number, Dict, string, Args?, Dict?];
export type PublishMessage = [typeof MSG.PUBLISH, number, Dict, string, Args?, Dict?];
export type PublishedMessage = [typeof MSG.PUBLISHED, number, number];
export type SubscribeMessage = [typeof MSG.SUBSCRIBE, number, Dict, string];
export type SubscribedMessage = [typeof MSG.SUBSCRIBED, number, number];
export type UnsubscribeMessage = [typeof MSG.UNSUBSCRIBE, number, number];
export type UnsubscribedMessage = [typeof MSG.UNSUBSCRIBED, number, Dict?];
/** [EVENT, SUBSCRIBED.Subscription, PUBLISHED.Publication, Details, Arguments?, ArgumentsKw?] */
export type EventMessage = [typeof MSG.EVENT, number, number, Dict, Args?, Dict?];
export type CallMessage = [typeof MSG.CALL, number, Dict, string, Args?, Dict?];
export type CancelMessage = [typeof MSG.CANCEL, number, Dict];
export type ResultMessage = [typeof MSG.RESULT, number, Dict, Args?, Dict?];
export type RegisterMessage = [typeof MSG.REGISTER, number, Dict, string];
export type RegisteredMessage = [typeof MSG.REGISTERED, number, number];
export type UnregisterMessage = [typeof MSG.UNREGISTER, number, number];
export type UnregisteredMessage = [typeof MSG.UNREGISTERED, number, Dict?];
/** [INVOCATION, Request, REGISTERED.Registration, Details, Arguments?, ArgumentsKw?] */
export type InvocationMessage = [typeof MSG.INVOCATION, number, number, Dict, Args?, Dict?];
export type InterruptMessage = [typeof MSG.INTERRUPT, number, Dict];
export type YieldMessage = [typeof MSG.YIELD, number, Dict, Args?, Dict?];

export type WampMessage =
  | HelloMessage
  | WelcomeMessage
  | AbortMessage
  | ChallengeMessage
  | AuthenticateMessage
  | GoodbyeMessage
  | ErrorMessage
  | PublishMessage
  | PublishedMessage
  | SubscribeMessage
  | SubscribedMessage
  | UnsubscribeMessage
  | UnsubscribedMessage
  | EventMessage
  | CallMessage
  | CancelMessage
  | ResultMessage
  | RegisterMessage
  | RegisteredMessage
  | UnregisterMessage
  | UnregisteredMessage
  | InvocationMessage
  | InterruptMessage
  | YieldMessage;

export type ParseResult = { ok: true; message: WampMessage } | { ok: false; error: string };

type Field = 'id' | 'int' | 'dict' | 'string' | 'args' | 'kwargs';

/** Field types after the code, per message; trailing 'args'/'kwargs' (and UNSUBSCRIBED/UNREGISTERED details) are optional. */
const SHAPES: Record<number, { fields: Field[]; required: number; names: string[] }> = {};
function shape(code: number, names: string[], fields: Field[], required = fields.length): void {
  SHAPES[code] = { fields, required, names };
}
shape(MSG.HELLO, ['Realm', 'Details'], ['string', 'dict']);
shape(MSG.WELCOME, ['Session', 'Details'], ['id', 'dict']);
shape(MSG.ABORT, ['Details', 'Reason'], ['dict', 'string']);
shape(MSG.CHALLENGE, ['AuthMethod', 'Extra'], ['string', 'dict']);
shape(MSG.AUTHENTICATE, ['Signature', 'Extra'], ['string', 'dict']);
shape(MSG.GOODBYE, ['Details', 'Reason'], ['dict', 'string']);
shape(MSG.ERROR, ['Request.Type', 'Request', 'Details', 'Error', 'Arguments', 'ArgumentsKw'], ['int', 'id', 'dict', 'string', 'args', 'kwargs'], 4);
shape(MSG.PUBLISH, ['Request', 'Options', 'Topic', 'Arguments', 'ArgumentsKw'], ['id', 'dict', 'string', 'args', 'kwargs'], 3);
shape(MSG.PUBLISHED, ['Request', 'Publication'], ['id', 'id']);
shape(MSG.SUBSCRIBE, ['Request', 'Options', 'Topic'], ['id', 'dict', 'string']);
shape(MSG.SUBSCRIBED, ['Request', 'Subscription'], ['id', 'id']);
shape(MSG.UNSUBSCRIBE, ['Request', 'Subscription'], ['id', 'id']);
shape(MSG.UNSUBSCRIBED, ['Request', 'Details'], ['id', 'dict'], 1);
shape(MSG.EVENT, ['Subscription', 'Publication', 'Details', 'Arguments', 'ArgumentsKw'], ['id', 'id', 'dict', 'args', 'kwargs'], 3);
shape(MSG.CALL, ['Request', 'Options', 'Procedure', 'Arguments', 'ArgumentsKw'], ['id', 'dict', 'string', 'args', 'kwargs'], 3);
shape(MSG.CANCEL, ['Request', 'Options'], ['id', 'dict']);
shape(MSG.RESULT, ['Request', 'Details', 'Arguments', 'ArgumentsKw'], ['id', 'dict', 'args', 'kwargs'], 2);
shape(MSG.REGISTER, ['Request', 'Options', 'Procedure'], ['id', 'dict', 'string']);
shape(MSG.REGISTERED, ['Request', 'Registration'], ['id', 'id']);
shape(MSG.UNREGISTER, ['Request', 'Registration'], ['id', 'id']);
shape(MSG.UNREGISTERED, ['Request', 'Details'], ['id', 'dict'], 1);
shape(MSG.INVOCATION, ['Request', 'Registration', 'Details', 'Arguments', 'ArgumentsKw'], ['id', 'id', 'dict', 'args', 'kwargs'], 3);
shape(MSG.INTERRUPT, ['Request', 'Options'], ['id', 'dict']);
shape(MSG.YIELD, ['Request', 'Options', 'Arguments', 'ArgumentsKw'], ['id', 'dict', 'args', 'kwargs'], 2);

export function isDict(value: unknown): value is Dict {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fieldOk(kind: Field, value: unknown): boolean {
  switch (kind) {
    case 'id':
      return isWampId(value);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'dict':
    case 'kwargs':
      return isDict(value);
    case 'string':
      return typeof value === 'string';
    case 'args':
      return Array.isArray(value);
  }
}

const EXPECTED: Record<Field, string> = {
  id: 'an integer id in [0, 2^53]',
  int: 'an integer',
  dict: 'a dictionary',
  kwargs: 'a dictionary',
  string: 'a string',
  args: 'a list',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary';
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === 'string') return 'a string';
  return typeof value === 'object' ? 'a dictionary' : `a ${typeof value}`;
}

/** Validate a decoded value as a WAMP message: code, length, and every field's type. */
export function parseMessage(value: unknown): ParseResult {
  if (!Array.isArray(value)) return { ok: false, error: `a WAMP message must be a list, got ${describe(value)}` };
  if (value.length === 0) return { ok: false, error: 'empty message list' };
  const code = value[0];
  if (typeof code !== 'number' || !Number.isInteger(code)) return { ok: false, error: `message type must be an integer, got ${describe(code)}` };
  const spec = SHAPES[code];
  if (!spec) return { ok: false, error: `unknown message type ${code}` };
  const name = messageName(code);
  const n = value.length - 1;
  if (n < spec.required || n > spec.fields.length) {
    const expect = spec.required === spec.fields.length ? `${spec.required}` : `${spec.required}..${spec.fields.length}`;
    return { ok: false, error: `${name} must have ${expect} fields after the type, got ${n}` };
  }
  for (let i = 0; i < n; i += 1) {
    const kind = spec.fields[i]!;
    if (!fieldOk(kind, value[i + 1])) {
      return { ok: false, error: `${name}.${spec.names[i]} must be ${EXPECTED[kind]}, got ${describe(value[i + 1])}` };
    }
  }
  return { ok: true, message: value as WampMessage };
}
