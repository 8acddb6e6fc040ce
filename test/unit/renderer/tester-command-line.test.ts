// "Copy as command line": the `authbahn test` line of a profile — no secrets on it, and quoting that
// POSIX sh reads back as exactly the intended arguments (checked by running the line in /bin/sh with
// `authbahn` defined as a function that prints its arguments).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TesterProfileDraft } from '../../../shared/api/tester-contract';
import { shellQuote, testCommandLine } from '../../../renderer/features/tester/command-line';

const noProbes = { call: [], register: [], publish: [], subscribe: [] };
const base: TesterProfileDraft = { name: 'p', url: 'ws://127.0.0.1:8080/ws', realm: 'realm1', authmethod: 'anonymous', serializer: 'json', timeoutMs: 5000, probes: noProbes };

/** The argv sh gives `authbahn` for this line. */
function shArgs(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `authbahn() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('testCommandLine', () => {
  it('writes an anonymous profile with defaults left out', () => {
    expect(testCommandLine(base)).toBe('authbahn test --url ws://127.0.0.1:8080/ws --realm realm1');
  });

  it('reads every secret from standard input and drops the URL password', () => {
    const ticket = testCommandLine({ ...base, url: 'wss://joe:hunter2@router.example.com/ws', authmethod: 'ticket', authid: 'joe' }, {});
    expect(ticket).toBe('authbahn test --url wss://joe@router.example.com/ws --realm realm1 --authid joe --ticket -');
    expect(ticket).not.toContain('hunter2');
    expect(testCommandLine({ ...base, authmethod: 'wampcra', authid: 'alice', cra: { salt: 's a l t', iterations: 100, keylen: 16 } })).toBe(
      "authbahn test --url ws://127.0.0.1:8080/ws --realm realm1 --authid alice --secret - --salt 's a l t' --iterations 100 --keylen 16",
    );
    expect(testCommandLine({ ...base, authmethod: 'cryptosign', authid: 'k' })).toContain('--authmethod cryptosign --secret -');
    expect(testCommandLine({ ...base, authmethod: 'totp', authid: 'ann' })).toContain('--totp-secret -');
    expect(testCommandLine({ ...base, authmethod: 'totp', authid: 'ann', totpAccountId: 'acc-1' }, { accountName: 'Router:ann' })).toContain(
      '--totp-account Router:ann',
    );
    expect(testCommandLine({ ...base, authmethod: 'totp', totpAccountId: 'acc-1' })).toContain('--totp-account acc-1');
  });

  it('adds serializer, role, timeout and every probe', () => {
    const line = testCommandLine({
      ...base,
      serializer: 'cbor',
      authrole: 'backend',
      timeoutMs: 3000,
      probes: { call: ['com.example.add2'], register: ['a', 'b'], publish: ['t'], subscribe: ['s'] },
    });
    expect(shArgs(line)).toEqual([
      'test', '--url', 'ws://127.0.0.1:8080/ws', '--realm', 'realm1', '--serializer', 'cbor', '--authrole', 'backend',
      '--timeout', '3000', '--call', 'com.example.add2', '--register', 'a', '--register', 'b', '--publish', 't', '--subscribe', 's',
    ]);
  });

  it('quotes hostile values so sh passes them through as single arguments and runs nothing', () => {
    const nasty = [`it's "quoted"`, '$(touch /tmp/pwned) `id` $HOME', 'a;b|c&d>e<f', '*.?[x]', 'new\nline', 'tab\there', '-looks-like-an-option', '', '~root', '#comment', 'é ü 字'];
    for (const value of nasty) {
      const line = testCommandLine({ ...base, realm: value || 'r', authid: value, authmethod: 'ticket', probes: { ...noProbes, call: [value || 'x'] } });
      const args = shArgs(line);
      expect(args[args.indexOf('--url') + 1]).toBe('ws://127.0.0.1:8080/ws');
      const realm = args.find((a) => a.startsWith('--realm'))!;
      expect(realm === '--realm' ? args[args.indexOf('--realm') + 1] : realm.slice('--realm='.length)).toBe(value || 'r');
      if (value !== '') {
        const authid = args.find((a) => a.startsWith('--authid'))!;
        expect(authid === '--authid' ? args[args.indexOf('--authid') + 1] : authid.slice('--authid='.length)).toBe(value);
      }
      expect(args).toContain('-'); // the ticket from stdin
    }
  });

  it('shellQuote leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote('ws://h:1/ws')).toBe('ws://h:1/ws');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(shellQuote('a b')).toBe("'a b'");
  });
});
