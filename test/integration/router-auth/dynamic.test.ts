// Dynamic authenticators (ticket at AUTHENTICATE, WAMP-CRA at HELLO) and a dynamic authorizer, all
// registered by an AutobahnJS service session, with AutobahnJS and Autobahn|Python clients.
import autobahn from 'autobahn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCraKey } from '../../../shared/wamp/cra';
import { jsJoin, jsLeave, pyJoin, startRouter, type JoinResult, type RunningRouter } from './support';

const config = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [
        {
          name: 'realm1',
          roles: [
            { name: 'service', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { register: true, call: true } }] },
            { name: 'user', authorizer: 'com.example.authorize' },
            { name: 'frontend', permissions: [{ uri: 'com.example.open.', match: 'prefix', allow: { call: true } }] },
          ],
        },
      ],
      transports: [
        {
          type: 'websocket',
          id: 'svc',
          endpoint: { type: 'tcp', port: 0 },
          auth: { wampcra: { type: 'static', users: { svc: { secret: 'service-secret', role: 'service' } } } },
        },
        {
          type: 'web',
          id: 'dyn',
          endpoint: { type: 'tcp', port: 0 },
          paths: {
            ws: {
              type: 'websocket',
              auth: {
                ticket: { type: 'dynamic', authenticator: 'com.example.auth.ticket' },
                wampcra: { type: 'dynamic', authenticator: 'com.example.auth.cra', 'authenticator-realm': 'realm1' },
              },
            },
          },
        },
      ],
    },
  ],
};

let r: RunningRouter;
let dynUrl: string;
let service: JoinResult;
const authorizerCalls: unknown[][] = [];

beforeAll(async () => {
  r = await startRouter(config);
  const svcUrl = r.router.transports.find((t) => t.id === 'svc')!.url;
  dynUrl = r.router.transports.find((t) => t.id === 'dyn')!.url;
  service = await jsJoin({ url: svcUrl, authmethods: ['wampcra'], authid: 'svc', secret: 'service-secret' });
  const s = service.session!;
  await s.register('com.example.auth.ticket', (args?: unknown[]) => {
    const [, authid, details] = args as [string, string, { ticket: string }];
    if (authid === 'ghost') return 'no-such-role';
    if (details.ticket === `good-${authid}`) return { role: 'user', extra: { greeting: 'hi' } };
    throw new autobahn.Error('com.example.invalid_ticket', [`ticket rejected for ${authid}`]);
  });
  await s.register('com.example.auth.cra', (args?: unknown[]) => {
    const [, authid] = args as [string, string];
    if (authid === 'carol') return { secret: 'carol-secret', role: 'user' };
    if (authid === 'dave') return { secret: deriveCraKey('dave-pw', 's1', 100, 16), salt: 's1', iterations: 100, keylen: 16, role: 'frontend' };
    throw new autobahn.Error('com.example.no_such_user', [`no user ${authid}`]);
  });
  await s.register('com.example.authorize', (args?: unknown[]) => {
    authorizerCalls.push(args!);
    const [, uri] = args as [unknown, string, string];
    return { allow: uri.startsWith('com.example.open.'), disclose: false, cache: false };
  });
  await s.register('com.example.open.echo', (args?: unknown[]) => args![0]);
  await s.register('com.example.closed.secret', () => 'leaked');
});

afterAll(async () => {
  await jsLeave(service);
  await r.stop();
});

describe('dynamic ticket', () => {
  it('AutobahnJS: the authenticator decides, its ApplicationError becomes the ABORT', async () => {
    const ok = await jsJoin({ url: dynUrl, authmethods: ['ticket'], authid: 'erin', secret: 'good-erin', serializer: 'cbor' });
    expect(ok).toMatchObject({ joined: true, authid: 'erin', authrole: 'user', authmethod: 'ticket', authprovider: 'dynamic' });
    await jsLeave(ok);
    expect(await jsJoin({ url: dynUrl, authmethods: ['ticket'], authid: 'erin', secret: 'bad' })).toEqual({
      joined: false,
      reason: 'com.example.invalid_ticket',
      message: 'ticket rejected for erin',
    });
    expect(await jsJoin({ url: dynUrl, authmethods: ['ticket'], authid: 'ghost', secret: 'x' })).toMatchObject({ joined: false, reason: 'wamp.error.no_such_role' });
  });

  it('Autobahn|Python (msgpack): joins through the authenticator', async () => {
    expect(await pyJoin({ url: dynUrl, serializer: 'msgpack', authmethods: ['ticket'], authid: 'fred', secret: 'good-fred' })).toMatchObject({
      joined: true,
      authrole: 'user',
      authprovider: 'dynamic',
    });
    expect(await pyJoin({ url: dynUrl, authmethods: ['ticket'], authid: 'fred', secret: 'bad' })).toEqual({
      joined: false,
      reason: 'com.example.invalid_ticket',
      message: 'ticket rejected for fred',
    });
  });
});

describe('dynamic WAMP-CRA', () => {
  it('uses the secret (and salt) the authenticator returns at HELLO', async () => {
    const carol = await jsJoin({ url: dynUrl, authmethods: ['wampcra'], authid: 'carol', secret: 'carol-secret', serializer: 'msgpack' });
    expect(carol).toMatchObject({ joined: true, authrole: 'user', authprovider: 'dynamic' });
    await jsLeave(carol);
    expect(await pyJoin({ url: dynUrl, authmethods: ['wampcra'], authid: 'dave', secret: 'dave-pw' })).toMatchObject({ joined: true, authrole: 'frontend' });
    expect(await jsJoin({ url: dynUrl, authmethods: ['wampcra'], authid: 'carol', secret: 'wrong' })).toMatchObject({ joined: false, reason: 'wamp.error.not_authorized' });
    expect(await jsJoin({ url: dynUrl, authmethods: ['wampcra'], authid: 'zed', secret: 'x' })).toEqual({
      joined: false,
      reason: 'com.example.no_such_user',
      message: 'no user zed',
    });
  });
});

describe('dynamic authorizer', () => {
  it('calls authorizer(session, uri, action, options) and enforces its answer', async () => {
    const user = await jsJoin({ url: dynUrl, authmethods: ['ticket'], authid: 'erin', secret: 'good-erin' });
    expect(await user.session!.call('com.example.open.echo', ['hello'])).toBe('hello');
    let error = '';
    await user.session!.call('com.example.closed.secret').catch((e: { error: string }) => (error = e.error));
    expect(error).toBe('wamp.error.not_authorized');
    const call = authorizerCalls.find((c) => c[1] === 'com.example.open.echo')!;
    expect(call[0]).toMatchObject({ session: user.session!.id, authid: 'erin', authrole: 'user', authmethod: 'ticket' });
    expect(call[2]).toBe('call');
    await jsLeave(user);
  });
});
