// Static role permissions enforced by the real router for AutobahnJS sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_PASSWORD, AUTH } from './fixtures';
import { jsJoin, jsLeave, routerConfig, startRouter, type JoinResult, type RunningRouter } from './support';

const ROLES = [
  {
    name: 'frontend',
    permissions: [
      { uri: 'com.example.', match: 'prefix', allow: { call: true, subscribe: true, publish: true }, disclose: { caller: true } },
      { uri: 'com.example.admin.', match: 'prefix', allow: {} },
    ],
  },
  { name: 'backend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } }] },
  { name: 'public', permissions: [{ uri: 'com.example.public.*', allow: { subscribe: true } }] },
];

let r: RunningRouter;
let backend: JoinResult;
let frontend: JoinResult;
const received: unknown[] = [];
const callers: unknown[] = [];

const errorOf = async (p: unknown): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as { error: string }).error;
  }
  return 'no error';
};
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

beforeAll(async () => {
  r = await startRouter(routerConfig(AUTH, ROLES));
  backend = await jsJoin({ url: r.url, authmethods: ['wampcra'], authid: 'alice', secret: ALICE_PASSWORD });
  frontend = await jsJoin({ url: r.url, authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' });
  expect(backend.joined && frontend.joined).toBe(true);
  await backend.session!.register('com.example.add2', (args?: unknown[], _kw?: unknown, details?: { caller?: number }) => {
    callers.push(details?.caller);
    return (args![0] as number) + (args![1] as number);
  });
  await backend.session!.register('com.example.admin.reboot', () => 'rebooting');
  await backend.session!.subscribe('com.example.admin.alerts', (args?: unknown[]) => void received.push(['admin', args![0]]));
  await backend.session!.subscribe('com.example.news', (args?: unknown[]) => void received.push(['news', args![0]]));
});

afterAll(async () => {
  await jsLeave(frontend);
  await jsLeave(backend);
  await r.stop();
});

describe('role permissions', () => {
  it('allows a call the role permits and discloses the caller', async () => {
    expect(await frontend.session!.call('com.example.add2', [2, 3])).toBe(5);
    expect(callers.at(-1)).toBe(frontend.session!.id);
  });

  it('denies call by the longer prefix, register and subscribe with wamp.error.not_authorized', async () => {
    expect(await errorOf(frontend.session!.call('com.example.admin.reboot'))).toBe('wamp.error.not_authorized');
    expect(await errorOf(frontend.session!.register('com.example.mine', () => 1))).toBe('wamp.error.not_authorized');
    expect(await errorOf(frontend.session!.subscribe('org.other.topic', () => undefined))).toBe('wamp.error.not_authorized');
  });

  it('drops a denied publish silently, and answers with an error only when acknowledge was asked', async () => {
    received.length = 0;
    frontend.session!.publish('com.example.admin.alerts', ['denied']);
    frontend.session!.publish('com.example.news', ['allowed']);
    for (let i = 0; i < 100 && received.length === 0; i += 1) await sleep(10);
    await sleep(50);
    expect(received).toEqual([['news', 'allowed']]);
    expect(await errorOf(frontend.session!.publish('com.example.admin.alerts', ['denied'], {}, { acknowledge: true }))).toBe('wamp.error.not_authorized');
    await frontend.session!.publish('com.example.news', ['acked'], {}, { acknowledge: true });
  });

  it('lets anonymous clients only subscribe under com.example.public.', async () => {
    const anon = await jsJoin({ url: r.url });
    expect(anon.authrole).toBe('public');
    await anon.session!.subscribe('com.example.public.feed', () => undefined);
    expect(await errorOf(anon.session!.publish('com.example.public.feed', ['x'], {}, { acknowledge: true }))).toBe('wamp.error.not_authorized');
    expect(await errorOf(anon.session!.call('com.example.add2', [1, 1]))).toBe('wamp.error.not_authorized');
    await jsLeave(anon);
  });
});
