// Issue 10 item 10: peer text must not forge log lines or drive the terminal, and must be bounded.
import { describe, expect, it } from 'vitest';
import { logText, logTextOrNull } from '../../../main/router/log-text';

describe('logText', () => {
  it('leaves ordinary text (including non-ASCII) alone', () => {
    expect(logText('com.example.joe')).toBe('com.example.joe');
    expect(logText('Jürgen 名前 🙂')).toBe('Jürgen 名前 🙂');
    expect(logText(undefined)).toBe('-');
    expect(logTextOrNull(null)).toBe(null);
  });

  it('escapes line breaks, C0/C1 controls, DEL and ESC sequences so one field stays one line', () => {
    const forged = 'joe\n2025-01-01T00:00:00.000Z auth: transport=main peer=tcp4:127.0.0.1:1 realm=realm1 authid=admin method=ticket → welcome role=admin';
    const out = logText(forged, 1000);
    expect(out).not.toMatch(/[\n\r]/);
    expect(out.startsWith('joe\\n2025-01-01')).toBe(true);
    expect(logText('\u001b[2K\u001b[1A\rOK\t\u0000\u007f\u0085\u009b31m')).toBe('\\x1b[2K\\x1b[1A\\rOK\\t\\x00\\x7f\\x85\\x9b31m');
  });

  it('escapes Unicode line separators, bidi overrides/isolates and lone surrogates', () => {
    expect(logText('a\u2028b\u2029c')).toBe('a\\u{2028}b\\u{2029}c');
    expect(logText('user\u202egnp.exe')).toBe('user\\u{202e}gnp.exe');
    expect(logText('\u2066x\u2069\u200f\u061c')).toBe('\\u{2066}x\\u{2069}\\u{200f}\\u{61c}');
    expect(logText('x\ud800y')).toBe('x\\u{d800}y');
    expect(logText('\udc00')).toBe('\\u{dc00}');
  });

  it('doubles backslashes so an escape cannot be forged', () => {
    expect(logText('a\\nb')).toBe('a\\\\nb');
    expect(logText('a\\nb')).not.toBe(logText('a\nb'));
  });

  it('bounds the length and says how much was cut, without splitting a surrogate pair', () => {
    const mb = 'x'.repeat(1024 * 1024);
    expect(logText(mb)).toBe(`${'x'.repeat(256)}…(+${1024 * 1024 - 256} chars)`);
    expect(logText('ab🙂cd', 3)).toBe('ab…(+4 chars)');
    expect(logText('\n'.repeat(10_000), 10)).toBe(`${'\\n'.repeat(10)}…(+9990 chars)`);
  });
});
