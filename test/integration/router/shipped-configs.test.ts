// The two configs Authbahn hands out — `authbahn router --example-config` and the app's first router.json —
// run as real routers: browser pages from other origins cannot open a WebSocket to them, and an anonymous
// session cannot reach the meta API (list the sessions of others, or kill them).
import autobahn from 'autobahn';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../../main/router/config/example-config';
import { defaultRouterConfig } from '../../../main/router-app/default-config';
import { closeSession, openSession } from '../../support/router/router-harness';
import { startRouter, type RunningRouter } from '../router-auth/support';

let running: RunningRouter | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The example config on port 0 (it listens on 8080). */
function exampleOnPort0(): unknown {
  const config = JSON.parse(EXAMPLE_CONFIG) as { workers: [{ transports: [{ endpoint: { port: number } }] }] };
  config.workers[0].transports[0].endpoint.port = 0;
  return config;
}

function upgradeStatus(url: string, origin: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, ['wamp.2.json'], { headers: { Origin: origin } });
    ws.once('open', () => {
      resolve('open');
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', () => undefined);
  });
}

const META_CALLS: [string, unknown[]][] = [
  ['wamp.session.list', []],
  ['wamp.session.count', []],
  ['wamp.session.get', [1]],
  ['wamp.session.kill', [1]],
  ['wamp.registration.list', []],
  ['wamp.subscription.list', []],
];

async function metaErrors(url: string): Promise<Record<string, string>> {
  const victim = await openSession(url);
  const anonymous = await openSession(url);
  try {
    const errors: Record<string, string> = {};
    for (const [procedure, args] of META_CALLS) {
      const callArgs = procedure === 'wamp.session.get' || procedure === 'wamp.session.kill' ? [victim.session.id] : args;
      const outcome = await anonymous.session.call(procedure, callArgs).then(
        () => 'allowed',
        (e: autobahn.Error) => e.error,
      );
      errors[procedure] = outcome;
    }
    // The victim is still there: the kill was refused, not just answered late.
    expect(victim.connection.isOpen).toBe(true);
    return errors;
  } finally {
    await closeSession(anonymous.connection);
    await closeSession(victim.connection);
  }
}

const allNotAuthorized = Object.fromEntries(META_CALLS.map(([p]) => [p, 'wamp.error.not_authorized']));

describe('authbahn router --example-config', () => {
  it('admits browser pages only from localhost origins', async () => {
    running = await startRouter(exampleOnPort0());
    expect(await upgradeStatus(running.url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(running.url, 'http://localhost:5173')).toBe('open');
    expect(await upgradeStatus(running.url, 'http://127.0.0.1:3000')).toBe('open');
  });

  it('gives anonymous sessions no meta API', async () => {
    running = await startRouter(exampleOnPort0());
    expect(await metaErrors(running.url)).toEqual(allNotAuthorized);
  });
});

describe("the app's default router.json", () => {
  it('admits browser pages only from localhost origins', async () => {
    running = await startRouter(defaultRouterConfig(0));
    expect(await upgradeStatus(running.url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(running.url, 'http://localhost:5173')).toBe('open');
  });

  it('gives anonymous sessions no meta API, and still everything else', async () => {
    running = await startRouter(defaultRouterConfig(0));
    expect(await metaErrors(running.url)).toEqual(allNotAuthorized);
    const s = await openSession(running.url);
    try {
      await s.session.register('com.example.add2', (args?: unknown[]) => (args as number[])[0]! + (args as number[])[1]!);
      expect(await s.session.call('com.example.add2', [2, 3])).toBe(5);
    } finally {
      await closeSession(s.connection);
    }
  });
});
