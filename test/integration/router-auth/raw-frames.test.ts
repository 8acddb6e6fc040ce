// The authentication handshake frame by frame over a raw WebSocket with our own serializers: what any
// WAMP client sees, independent of a client library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MSG } from '../../../shared/wamp/codes';
import { signCraChallenge } from '../../../shared/wamp/cra';
import type { SerializerId } from '../../../shared/wamp/serializers';
import { RawClient } from '../../support/router/raw-client';
import { AUTH, ROLES } from './fixtures';
import { routerConfig, startRouter, type RunningRouter } from './support';

let r: RunningRouter;
beforeAll(async () => {
  r = await startRouter(routerConfig(AUTH, ROLES));
});
afterAll(async () => {
  await r.stop();
});

const roles = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

describe.each<SerializerId>(['json', 'msgpack', 'cbor'])('raw %s frames', (serializer) => {
  it('ticket: HELLO → CHALLENGE("ticket", {}) → AUTHENTICATE → WELCOME with the identity', async () => {
    const c = await RawClient.connect(r.url, serializer);
    c.send([MSG.HELLO, 'realm1', { roles, authmethods: ['ticket'], authid: 'joe' }]);
    expect(await c.next(MSG.CHALLENGE)).toEqual([MSG.CHALLENGE, 'ticket', {}]);
    c.send([MSG.AUTHENTICATE, 'secret!!!', {}]);
    const welcome = await c.next(MSG.WELCOME);
    expect(welcome[2]).toMatchObject({ authid: 'joe', authrole: 'frontend', authmethod: 'ticket', authprovider: 'static' });
    c.ws.close();
  });

  it('wampcra: signs the exact challenge string; a wrong signature gets ABORT not_authorized', async () => {
    const c = await RawClient.connect(r.url, serializer);
    c.send([MSG.HELLO, 'realm1', { roles, authmethods: ['wampcra'], authid: 'bob' }]);
    const challenge = await c.next(MSG.CHALLENGE);
    expect(challenge[1]).toBe('wampcra');
    const text = (challenge[2] as { challenge: string }).challenge;
    c.send([MSG.AUTHENTICATE, signCraChallenge('bob-secret', text), {}]);
    expect((await c.next(MSG.WELCOME))[2]).toMatchObject({ authid: 'bob', authmethod: 'wampcra' });
    c.ws.close();

    const d = await RawClient.connect(r.url, serializer);
    d.send([MSG.HELLO, 'realm1', { roles, authmethods: ['wampcra'], authid: 'bob' }]);
    await d.next(MSG.CHALLENGE);
    d.send([MSG.AUTHENTICATE, signCraChallenge('bob-secret', text), {}]); // replays the old signature
    expect(await d.next(MSG.ABORT)).toEqual([MSG.ABORT, { message: 'WAMP-CRA signature is invalid' }, 'wamp.error.not_authorized']);
  });
});
