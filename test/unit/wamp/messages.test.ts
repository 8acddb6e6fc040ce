import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/wamp/messages';
import { MSG, isMessageCode, messageName } from '../../../shared/wamp/codes';

describe('parseMessage', () => {
  const valid: unknown[][] = [
    [1, 'realm1', { roles: {} }],
    [2, 12345, {}],
    [3, {}, 'wamp.error.no_such_realm'],
    [4, 'wampcra', { challenge: 'x' }],
    [5, 'sig', {}],
    [6, {}, 'wamp.close.normal'],
    [8, 48, 1, {}, 'wamp.error.x'],
    [8, 48, 1, {}, 'wamp.error.x', [1]],
    [8, 48, 1, {}, 'wamp.error.x', [], { a: 1 }],
    [16, 1, {}, 'com.topic'],
    [16, 1, {}, 'com.topic', [1], { a: 1 }],
    [17, 1, 2],
    [32, 1, {}, 'com.topic'],
    [33, 1, 2],
    [34, 1, 2],
    [35, 1],
    [35, 1, { reason: 'x' }],
    [36, 1, 2, {}],
    [36, 1, 2, {}, [], {}],
    [48, 1, {}, 'com.proc'],
    [48, 1, {}, 'com.proc', [1, 2], { a: 1 }],
    [49, 1, {}],
    [50, 1, {}],
    [50, 1, {}, [1]],
    [64, 1, {}, 'com.proc'],
    [65, 1, 2],
    [66, 1, 2],
    [67, 1],
    [68, 1, 2, {}, [1]],
    [69, 1, {}],
    [70, 1, {}, [1], {}],
    [2, 2 ** 53, {}],
  ];
  it.each(valid.map((m) => [messageName(m[0] as number), m] as const))('accepts a valid %s', (_name, m) => {
    const r = parseMessage(m);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.message).toBe(m);
  });

  const invalid: [unknown, RegExp][] = [
    [{}, /must be a list/],
    ['x', /must be a list/],
    [[], /empty/],
    [['1', 'realm', {}], /type must be an integer/],
    [[1.5, 'realm', {}], /type must be an integer/],
    [[999, 1], /unknown message type 999/],
    [[7, 1], /unknown message type 7/],
    [[1, 'realm'], /HELLO must have 2 fields/],
    [[1, 'realm', {}, 3], /HELLO must have 2 fields/],
    [[1, 5, {}], /HELLO.Realm must be a string, got the integer 5/],
    [[1, 'realm', []], /HELLO.Details must be a dictionary, got a list/],
    [[1, 'realm', null], /HELLO.Details must be a dictionary, got null/],
    [[48, -1, {}, 'p'], /CALL.Request must be an integer id/],
    [[48, 1.5, {}, 'p'], /CALL.Request must be an integer id/],
    [[48, 2 ** 53 + 2, {}, 'p'], /CALL.Request must be an integer id/],
    [[48, 1, {}, 'p', {}], /CALL.Arguments must be a list/],
    [[48, 1, {}, 'p', [], []], /CALL.ArgumentsKw must be a dictionary/],
    [[16, 1, {}, 7], /PUBLISH.Topic must be a string/],
    [[70, '1', {}], /YIELD.Request must be an integer id/],
    [[8, 'x', 1, {}, 'e'], /ERROR.Request.Type must be an integer/],
    [[3, {}, new Uint8Array([1])], /ABORT.Reason must be a string, got binary/],
  ];
  it.each(invalid)('rejects %j', (m, re) => {
    const r = parseMessage(m);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});

describe('codes', () => {
  it('names codes', () => {
    expect(messageName(MSG.HELLO)).toBe('HELLO');
    expect(messageName(MSG.YIELD)).toBe('YIELD');
    expect(messageName(99)).toBe('UNKNOWN(99)');
    expect(isMessageCode(48)).toBe(true);
    expect(isMessageCode(7)).toBe(false);
  });
});
