// `authbahn test` argument handling in-process: everything here is decided before any connection.
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import { TEST_USAGE } from '../../../main/cli/test';

async function run(argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { AUTHBAHN_DATA_DIR: '/nonexistent' }, untilSignal: () => Promise.resolve() },
    stdin === undefined ? {} : { readStdin: async () => stdin },
  );
  return { code, out, err };
}

const target = ['test', '--url', 'ws://127.0.0.1:9/ws', '--realm', 'realm1'];

describe('authbahn test options', () => {
  it('prints its help', async () => {
    expect(await run(['help', 'test'])).toMatchObject({ code: 0, out: TEST_USAGE });
    expect(await run(['test', '--help'])).toMatchObject({ code: 0, out: TEST_USAGE });
    expect((await run(['--help'])).out).toContain('test --url URL --realm R');
  });

  it('rejects incomplete or contradictory options as usage errors (exit 2)', async () => {
    for (const argv of [
      ['test', '--url', 'ws://127.0.0.1:9/ws'],
      [...target, '--ticket', 'a', '--secret', 'b'],
      [...target, '--totp-account', 'x', '--ticket', 'a'],
      [...target, '--iterations', '10'],
      ['test', '--all', '--url', 'ws://x/ws'],
      [...target, 'extra'],
      [...target, '--bogus'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain('Usage: authbahn test');
    }
  });

  it('rejects bad values with a clear message (exit 1)', async () => {
    expect(await run([...target, '--serializer', 'xml'])).toMatchObject({ code: 1, err: expect.stringContaining('--serializer must be one of json, msgpack, cbor') });
    expect(await run([...target, '--authmethod', 'kerberos'])).toMatchObject({ code: 1, err: expect.stringContaining('--authmethod must be one of') });
    expect(await run([...target, '--timeout', '5'])).toMatchObject({ code: 1, err: expect.stringContaining('--timeout must be from 100') });
    expect(await run(['test', '--url', 'http://x', '--realm', 'r'])).toMatchObject({ code: 1, err: expect.stringContaining('ws:// or wss://') });
    expect(await run([...target, '--ticket', '-'], '')).toMatchObject({ code: 1, err: expect.stringContaining('standard input held no secret') });
    const many = Array.from({ length: 21 }, (_, i) => ['--call', `p${i}`]).flat();
    expect(await run([...target, ...many])).toMatchObject({ code: 1, err: expect.stringContaining('at most 20 --call') });
  });

  it('reports a malformed cryptosign key without connecting (exit 2, JSON)', async () => {
    const r = await run([...target, '--authmethod', 'cryptosign', '--secret', 'nothex', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'no_connection', reason: 'missing_secret', diagnosis: { kind: 'missing_secret' } });
  });
});
