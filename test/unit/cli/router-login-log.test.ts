// Issue 10 items 3 and 10 at the CLI router's stderr login log: an authid with a newline and ANSI escapes
// cannot forge a line or move the cursor, and a 1 MB authid cannot make a 1 MB line.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import type { CliDeps } from '../../../main/cli/command-context';
import { describeAuthAttempt, describeAuthorizationError } from '../../../main/cli/router';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { RawClient } from '../../support/router/raw-client';

const FORGED = 'joe\n2025-01-01T00:00:00.000Z auth: transport=ws peer=tcp4:127.0.0.1:1 realm=realm1 authid=admin method=ticket → welcome role=admin\u001b[1A\u001b[2K';

describe('authbahn router login log', () => {
  it('one attempt is one bounded line, whatever the peer sends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authbahn-router-log-'));
    const file = join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        version: 2,
        workers: [
          {
            type: 'router',
            realms: [{ name: 'realm1', roles: [{ name: 'frontend', permissions: [] }] }],
            transports: [{ type: 'websocket', id: 'ws', endpoint: { type: 'tcp', port: 0 }, auth: { ticket: { type: 'static', principals: { joe: { ticket: 't', role: 'frontend' } } } } }],
          },
        ],
      }),
    );
    let err = '';
    let out = '';
    const deps: CliDeps = { serviceOverrides: { secretStore: new MemorySecretStore(), platform: 'linux', probeTimeoutMs: 1_000 }, home: '/nonexistent-home' };
    const code = await main(
      ['router', '--config', file, '--port', '0', '--json'],
      {
        stdout: (t) => void (out += t),
        stderr: (t) => void (err += t),
        env: { AUTHBAHN_DATA_DIR: join(dir, 'data') },
        untilSignal: async () => {
          const url = (JSON.parse(out.split('\n')[0]!) as { transports: { url: string }[] }).transports[0]!.url;
          const attempts: Record<string, unknown>[] = [
            { authmethods: ['ticket'], authid: FORGED },
            { authmethods: ['ticket'], authid: 'x'.repeat(1024 * 1024) },
          ];
          for (const details of attempts) {
            const c = await RawClient.connect(url, 'json');
            c.send([1, 'realm1', { roles: { caller: {} }, ...details }]);
            expect((await c.next())[0]).toBe(3); // ABORT (unknown principal / too long)
            c.ws.close();
          }
        },
      },
      deps,
    );
    expect(code).toBe(0);
    const authLines = err.split('\n').filter((l) => / auth: /.test(l));
    expect(authLines).toHaveLength(2);
    expect(err).not.toContain('\u001b');
    expect(err.split('\n').some((l) => l.startsWith('2025-01-01T00:00:00.000Z'))).toBe(false); // no forged line
    expect(authLines[0]).toContain('authid=joe\\n2025-01-01T00:00:00.000Z auth:');
    for (const line of authLines) expect(line.length).toBeLessThan(2000);
    expect(authLines[1]).toContain('wamp.error.invalid_argument: HELLO.Details.authid is 1048576 characters long');
  });

  it('escapes every field of the attempt and authorizer lines', () => {
    const line = describeAuthAttempt({
      at: '2025-01-01T00:00:00.000Z',
      stage: 'authenticate',
      outcome: 'failure',
      transportId: 'ws',
      peer: 'tcp4:127.0.0.1:1',
      realm: 'realm1\r',
      authid: 'a\u2028b',
      authmethods: ['ticket'],
      sessionId: 1,
      authmethod: 'ticket',
      reason: 'wamp.error.not_authorized\n',
      message: `denied "${'\u001b'.repeat(5000)}"`,
    });
    expect(line).not.toMatch(/[\u0000-\u001f\u2028]/);
    expect(line).toContain('realm=realm1\\r authid=a\\u{2028}b');
    expect(line.length).toBeLessThan(1024 * 4 + 400);
    expect(describeAuthorizationError({ realm: 'r', role: 'x', action: 'call', uri: 'com.x', error: 'boom\nforged line' })).toBe(
      'authorizer: realm=r role=x call com.x failed: boom\\nforged line',
    );
  });
});
