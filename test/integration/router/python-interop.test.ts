// Autobahn|Python (Debian's python3-autobahn, spawned as /usr/bin/python3) against our router over
// json, msgpack and cbor, each also in batched mode: Python callee ↔ JS caller, Python caller ↔ JS callee, pub/sub both ways.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, startTestRouter, until, type TestRouter } from '../../support/router/router-harness';

let r: TestRouter;
beforeAll(async () => {
  r = await startTestRouter();
});
afterAll(async () => {
  await r.stop();
});

const script = join(import.meta.dirname, 'python', 'peer.py');

describe.each(['json', 'msgpack', 'cbor', 'json.batched', 'msgpack.batched', 'cbor.batched'] as const)('Autobahn|Python over %s', (protocol) => {
  it('does RPC and pub/sub both ways', async () => {
    const serializer = protocol.split('.')[0] as 'json' | 'msgpack' | 'cbor';
    const prefix = `com.py.${protocol.replace('.', '_')}`;
    const js = await openSession(r.url, 'realm1', serializer);
    const child = spawn('/usr/bin/python3', [script, r.url, 'realm1', protocol, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines: Record<string, unknown>[] = [];
    // txaio logs to stdout too; our milestones are the lines that are JSON objects.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    try {
      await js.session.register(`${prefix}.js_add`, (args) => (args[0] as number) + (args[1] as number));
      const echoed: unknown[] = [];
      await js.session.subscribe(`${prefix}.echoed`, (args, kwargs) => echoed.push([args, kwargs]));

      await until(() => lines.some((l) => l.event === 'ready') || child.exitCode !== null, 15_000).catch(() => undefined);
      expect(lines.find((l) => l.event === 'ready'), stderr).toEqual({ event: 'ready', add: 2 ** 40 + 3 });
      const joined = lines.find((l) => l.event === 'joined')!;
      const info = r.router.getSession(joined.session as number);
      expect(info?.serializer).toBe(serializer);
      expect(info?.transport.protocol).toBe(`wamp.2.${protocol}`);

      expect(await js.session.call(`${prefix}.mul`, [2 ** 20, 2 ** 20])).toBe(2 ** 40);
      await js.session.publish(`${prefix}.echo`, ['hi', 1.5], { n: 7 }, { acknowledge: true });
      await until(() => echoed.length === 1, 5000);
      expect(echoed).toEqual([[['hi', 1.5], { n: 7 }]]);

      expect(await js.session.call(`${prefix}.quit`)).toBe('bye');
      expect(await exited).toBe(0);
      expect(lines.at(-1)).toEqual({ event: 'done' });
    } finally {
      if (child.exitCode === null) child.kill();
      await closeSession(js.connection);
    }
  });
});
