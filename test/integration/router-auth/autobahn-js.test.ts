// Every authentication method with AutobahnJS over JSON, MessagePack and CBOR against the real router.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../shared/otp/generate';
import { ALICE_PASSWORD, AUTH, ROLES, TOTP_SECRETS } from './fixtures';
import { jsJoin, jsLeave, routerConfig, startRouter, type RunningRouter, type Serializer } from './support';

let r: RunningRouter;
beforeAll(async () => {
  r = await startRouter(routerConfig(AUTH, ROLES));
});
afterAll(async () => {
  await r.stop();
});

describe.each<Serializer>(['json', 'msgpack', 'cbor'])('AutobahnJS over %s', (serializer) => {
  it('anonymous joins as role "public" with a random authid', async () => {
    const res = await jsJoin({ url: r.url, serializer });
    expect(res).toMatchObject({ joined: true, authrole: 'public', authmethod: 'anonymous', authprovider: 'static' });
    expect(res.authid).toMatch(/^[3-9A-Y]{4}-/);
    await jsLeave(res);
  });

  it('ticket: joins with the right ticket, refused with a wrong one (wamp.error.not_authorized)', async () => {
    const ok = await jsJoin({ url: r.url, serializer, authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' });
    expect(ok).toMatchObject({ joined: true, authid: 'joe', authrole: 'frontend', authmethod: 'ticket', authprovider: 'static' });
    await jsLeave(ok);
    const bad = await jsJoin({ url: r.url, serializer, authmethods: ['ticket'], authid: 'joe', secret: 'wrong' });
    expect(bad).toEqual({ joined: false, reason: 'wamp.error.not_authorized', message: 'ticket in static WAMP-Ticket authentication is invalid' });
  });

  it('TOTP as ticket: the current code joins once, the same code again is refused', async () => {
    const authid = `totp-js-${serializer}`;
    const code = totpCode(TOTP_SECRETS[authid]!, Date.now(), 30, 'SHA1', 6);
    const ok = await jsJoin({ url: r.url, serializer, authmethods: ['ticket'], authid, secret: code });
    expect(ok).toMatchObject({ joined: true, authid, authrole: 'frontend', authmethod: 'ticket' });
    await jsLeave(ok);
    const replay = await jsJoin({ url: r.url, serializer, authmethods: ['ticket'], authid, secret: code });
    expect(replay).toEqual({ joined: false, reason: 'wamp.error.not_authorized', message: 'this TOTP code has already been used; wait for the next code' });
  });

  it('WAMP-CRA with a plain secret and with a salted (derived) key', async () => {
    const bob = await jsJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'bob', secret: 'bob-secret' });
    expect(bob).toMatchObject({ joined: true, authid: 'bob', authrole: 'frontend', authmethod: 'wampcra', authprovider: 'static' });
    await jsLeave(bob);
    const alice = await jsJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'alice', secret: ALICE_PASSWORD });
    expect(alice).toMatchObject({ joined: true, authid: 'alice', authrole: 'backend', authmethod: 'wampcra' });
    await jsLeave(alice);
    const wrong = await jsJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'alice', secret: 'not-the-password' });
    expect(wrong).toEqual({ joined: false, reason: 'wamp.error.not_authorized', message: 'WAMP-CRA signature is invalid' });
  });
});

describe('refusals', () => {
  it('unknown realm → wamp.error.no_such_realm', async () => {
    const res = await jsJoin({ url: r.url, realm: 'nope', authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' });
    expect(res).toMatchObject({ joined: false, reason: 'wamp.error.no_such_realm' });
    expect(res.message).toContain('nope');
  });

  it('no supported method offered → wamp.error.no_auth_method', async () => {
    expect(await jsJoin({ url: r.url, authmethods: ['cryptosign'], authid: 'joe' })).toEqual({
      joined: false,
      reason: 'wamp.error.no_auth_method',
      message: 'cannot authenticate using any of the offered authmethods ["cryptosign"]',
    });
  });

  it('unknown principal → wamp.error.not_authorized', async () => {
    expect(await jsJoin({ url: r.url, authmethods: ['ticket'], authid: 'mallory', secret: 'x' })).toMatchObject({
      joined: false,
      reason: 'wamp.error.not_authorized',
    });
  });

  it("uses the client's first offered method the transport supports", async () => {
    const res = await jsJoin({ url: r.url, authmethods: ['cryptosign', 'wampcra', 'ticket'], authid: 'bob', secret: 'bob-secret' });
    expect(res).toMatchObject({ joined: true, authmethod: 'wampcra' });
    await jsLeave(res);
  });
});
