import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../main/web/protocol';

describe('parseClientMessage', () => {
  it('parses call frames', () => {
    expect(parseClientMessage('{"type":"call","id":7,"ns":"app","method":"info","args":[]}')).toEqual({
      ok: true,
      message: { type: 'call', id: 7, ns: 'app', method: 'info', args: [] },
    });
    expect(parseClientMessage('{"type":"call","id":"x1","ns":"app","method":"info"}')).toMatchObject({ ok: true, message: { args: [] } });
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[1,2]', 'JSON object'],
    ['null', 'JSON object'],
    // Authentication is the upgrade's session cookie; the old hello frame is just an unknown frame now.
    ['{"type":"hello","token":"abc"}', 'Unknown frame type'],
    ['{"type":"call","ns":"app","method":"info"}', 'needs an id'],
    ['{"type":"call","id":1.5,"ns":"app","method":"info"}', 'needs an id'],
    ['{"type":"call","id":1,"ns":5,"method":"info"}', 'ns and method'],
    ['{"type":"call","id":1,"ns":"app","method":"info","args":{}}', 'args must be an array'],
    ['{"type":"subscribe"}', 'Unknown frame type'],
  ])('reports %s', (text, message) => {
    const parsed = parseClientMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('keeps the call id on errors so the client can settle that call', () => {
    expect(parseClientMessage('{"type":"call","id":9,"ns":"app"}')).toEqual({ ok: false, message: 'call needs ns and method strings', id: 9 });
  });
});
