// Every authentication method with Autobahn|Python (Debian's /usr/bin/python3) over JSON and
// MessagePack (its CBOR serializer needs the cbor2 module, which Debian's python3-autobahn lacks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../shared/otp/generate';
import { ALICE_PASSWORD, AUTH, ROLES, TOTP_SECRETS } from './fixtures';
import { pyJoin, routerConfig, startRouter, type RunningRouter } from './support';

let r: RunningRouter;
beforeAll(async () => {
  r = await startRouter(routerConfig(AUTH, ROLES));
});
afterAll(async () => {
  await r.stop();
});

describe.each<'json' | 'msgpack'>(['json', 'msgpack'])('Autobahn|Python over %s', (serializer) => {
  it('anonymous', async () => {
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['anonymous'] })).toMatchObject({ joined: true, authrole: 'public', authmethod: 'anonymous' });
  });

  it('ticket, and a wrong ticket', async () => {
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' })).toMatchObject({
      joined: true,
      authid: 'joe',
      authrole: 'frontend',
      authmethod: 'ticket',
      authprovider: 'static',
    });
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['ticket'], authid: 'joe', secret: 'nope' })).toEqual({
      joined: false,
      reason: 'wamp.error.not_authorized',
      message: 'ticket in static WAMP-Ticket authentication is invalid',
    });
  });

  it('TOTP ticket once, replay refused', async () => {
    const authid = `totp-py-${serializer}`;
    const code = totpCode(TOTP_SECRETS[authid]!, Date.now(), 30, 'SHA1', 6);
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['ticket'], authid, secret: code })).toMatchObject({ joined: true, authid });
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['ticket'], authid, secret: code })).toMatchObject({
      joined: false,
      reason: 'wamp.error.not_authorized',
    });
  });

  it('WAMP-CRA plain and salted (compute_wcs / derive_key)', async () => {
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'bob', secret: 'bob-secret' })).toMatchObject({
      joined: true,
      authrole: 'frontend',
      authmethod: 'wampcra',
    });
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'alice', secret: ALICE_PASSWORD })).toMatchObject({
      joined: true,
      authrole: 'backend',
    });
    expect(await pyJoin({ url: r.url, serializer, authmethods: ['wampcra'], authid: 'alice', secret: 'wrong' })).toMatchObject({
      joined: false,
      reason: 'wamp.error.not_authorized',
    });
  });
});

it('Autobahn|Python: unknown realm and no usable authmethod', async () => {
  expect(await pyJoin({ url: r.url, realm: 'nope', authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' })).toMatchObject({
    joined: false,
    reason: 'wamp.error.no_such_realm',
  });
  expect(await pyJoin({ url: r.url, authmethods: ['cryptosign'], authid: 'joe' })).toMatchObject({ joined: false, reason: 'wamp.error.no_auth_method' });
});
