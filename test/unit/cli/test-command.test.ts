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
    expect(await run(['test', '--url', 'http://x', '--realm', 'r'])).toMatchObject({ code: 1, err: expect.stringContaining('the scheme must be ws://, wss://, rs://, rss:// or unix:') });
    expect(await run(['test', '--url', 'rs://127.0.0.1', '--realm', 'r'])).toMatchObject({ code: 1, err: expect.stringContaining('needs a port') });
    expect(await run([...target, '--pin', 'abc'])).toMatchObject({ code: 2, err: expect.stringContaining('--pin must be a SHA-256 certificate fingerprint') });
    expect(await run([...target, '--insecure', '--pin', 'ab'.repeat(32)])).toMatchObject({ code: 2, err: expect.stringContaining('cannot go with --pin') });
    expect(await run([...target, '--ca', '/x.pem'])).toMatchObject({ code: 1, err: expect.stringContaining('--ca, --pin and --insecure are for wss:// and rss:// URLs') });
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

const warning = (what: string, instead: string) => `authbahn: warning: ${what} on the command line is visible to other users (ps, shell history); ${instead}\n`;

describe('authbahn test and secrets on the command line', () => {
  it('warns once per secret flag given as a value, never for "-"', async () => {
    for (const flag of ['ticket', 'secret', 'totp-secret']) {
      const r = await run([...target, `--${flag}`, 'JBSWY3DPEHPK3PXP', '--json']);
      expect(r.code, flag).toBe(2);
      expect(r.err, flag).toBe(warning(`--${flag}`, `use --${flag} - to read it from standard input`));
      expect((await run([...target, `--${flag}`, '-', '--json'], 'JBSWY3DPEHPK3PXP\n')).err, flag).toBe('');
    }
    expect((await run([...target, '--json'])).err).toBe('');
  });

  it('masks the password of --url in every output and warns about it', async () => {
    const url = 'ws://joe:hunter2-Pw@127.0.0.1:9/ws';
    const json = await run(['test', '--url', url, '--realm', 'realm1', '--json']);
    expect(json.code).toBe(2);
    expect(json.err).toBe(warning('the password in --url', 'use --url - to read the URL from standard input'));
    expect(json.out).not.toContain('hunter2');
    expect(JSON.parse(json.out)).toMatchObject({ profile: 'ws://joe:•••@127.0.0.1:9/ws', details: { url: 'ws://joe:•••@127.0.0.1:9/ws' } });
    const text = await run(['test', '--url', url, '--realm', 'realm1']);
    expect(text.out).toContain('Connection test: ws://joe:•••@127.0.0.1:9/ws');
    expect(text.out + text.err).not.toContain('hunter2');
    const bad = await run(['test', '--url', 'http://joe:hunter2-Pw@host/ws', '--realm', 'realm1']);
    expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('http://joe:•••@host/ws') });
    expect(bad.err).not.toContain('hunter2');
  });

  it('--url - reads the URL from standard input, without a warning', async () => {
    const r = await run(['test', '--url', '-', '--realm', 'realm1', '--json'], 'ws://joe:hunter2-Pw@127.0.0.1:9/ws\n');
    expect(r).toMatchObject({ code: 2, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ details: { url: 'ws://joe:•••@127.0.0.1:9/ws' } });
    expect(await run(['test', '--url', '-', '--realm', 'realm1'], '\n')).toMatchObject({ code: 1, err: expect.stringContaining('standard input held no URL') });
    const both = await run(['test', '--url', '-', '--realm', 'realm1', '--ticket', '-'], 'x');
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('only one of --url and the secret') });
  });
});
