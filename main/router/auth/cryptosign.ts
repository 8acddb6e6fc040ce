// WAMP-Cryptosign (Crossbar crossbar/router/auth/cryptosign.py; WAMP spec "Cryptosign-based
// Authentication"). The client announces its Ed25519 public key in HELLO.Details.authextra.pubkey; the
// router finds the principal (static: the one whose authorized_keys hold that key — by authid, or by the
// key alone when HELLO has no authid; dynamic: the authenticator called at HELLO returns {role, pubkey,
// authid?, realm?, extra?}), sends CHALLENGE.Extra.challenge = 32 random bytes in hex, and the client
// answers AUTHENTICATE with hex(signature ‖ message): the 64-byte Ed25519 signature of the 32-byte
// message, then the message itself — the challenge, or with channel_binding "tls-unique" the challenge
// XOR the transport's channel id (SHA-256 of tls-unique), exactly as Autobahn|Python and AutobahnJS
// compute it. Refusals are Crossbar's: wamp.error.not_authorized with its messages.
import { createHash, timingSafeEqual } from 'node:crypto';
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import { publicKeyFromRaw, verifyEd25519 } from '../../keys/ed25519';
import type { AuthorizedKey, CryptosignAuth, CryptosignPrincipal } from './auth-config';
import type { AuthMethodHandler, MethodContext, MethodOutcome, PendingChallenge } from './method-context';
import { sessionDetails } from './method-context';
import { abort, assignPrincipal, callAuthenticator, isAbort, parsePrincipal, transportDetails, type AuthAbort } from './principal';
import type { HelloInfo, Identity } from './types';

export const CRYPTOSIGN_CHALLENGE_BYTES = 32;
const PUBKEY = /^[0-9a-fA-F]{64}$/;

const deny = (message: string, credentialFailure = false) => abort(WAMP_ERROR.not_authorized, message, credentialFailure);

export class CryptosignMethod implements AuthMethodHandler {
  readonly authmethod = 'cryptosign';
  readonly credential = true;

  constructor(private readonly config: CryptosignAuth) {}

  async hello(info: HelloInfo, ctx: MethodContext): Promise<MethodOutcome> {
    const binding = channelBinding(info);
    if (isAbort(binding)) return binding;
    const authextra = info.authextra ?? {};
    const rawPubkey = authextra['pubkey'];
    if (rawPubkey !== undefined && rawPubkey !== null && (typeof rawPubkey !== 'string' || !PUBKEY.test(rawPubkey))) {
      return deny('extra.pubkey must be an Ed25519 public key: 32 bytes in hex (64 hex digits)');
    }
    const pubkey = typeof rawPubkey === 'string' ? rawPubkey.toLowerCase() : undefined;
    const config = this.config;
    if (config.type === 'dynamic') return this.dynamic(info, ctx, config.authenticator, config.authenticatorRealm, pubkey, binding);

    if (pubkey === undefined) {
      // Crossbar needs the key to verify the signature either way; say so instead of failing later.
      return deny(
        info.authid === undefined
          ? 'cannot identify client: no authid requested and no extra.pubkey provided'
          : 'no extra.pubkey provided: a WAMP-Cryptosign client announces its public key in HELLO.Details.authextra.pubkey',
      );
    }
    const principals = config.principals;
    let authid = info.authid;
    let principal: CryptosignPrincipal | undefined;
    const unresolved: string[] = [];
    if (authid === undefined) {
      // The key alone identifies the client, if exactly one principal lists it.
      for (const [candidate, p] of Object.entries(principals)) {
        if (!(await authorizes(p, pubkey, ctx, unresolved))) continue;
        if (authid !== undefined) return deny('cannot infer client identity from pubkey: multiple authids in principal database have this pubkey');
        authid = candidate;
        principal = p;
      }
      if (authid === undefined || !principal) {
        if (unresolved.length > 0) return keysUnavailable(unresolved);
        return deny('cannot identify client: no authid requested and no principal found for provided extra.pubkey', true);
      }
    } else {
      principal = Object.prototype.hasOwnProperty.call(principals, authid) ? principals[authid] : undefined;
      if (!principal) return deny(`no principal with authid "${authid}" exists`, true);
      if (!(await authorizes(principal, pubkey, ctx, unresolved))) {
        if (unresolved.length > 0) return keysUnavailable(unresolved);
        return deny('extra.pubkey provided does not match any one of authorized_keys for the principal', true);
      }
    }
    const identity = assignPrincipal(
      {
        requestedRealm: info.realm,
        requestedAuthid: authid,
        principal: { role: principal.role, realm: principal.realm, extra: principal.extra },
        authmethod: 'cryptosign',
        authprovider: 'static',
      },
      ctx.realms,
    );
    if (isAbort(identity)) return identity;
    return challenge(identity, pubkey, binding, ctx);
  }

  private async dynamic(
    info: HelloInfo,
    ctx: MethodContext,
    procedure: string,
    authenticatorRealm: string | undefined,
    pubkey: string | undefined,
    binding: Binding,
  ): Promise<MethodOutcome> {
    const details = {
      ...sessionDetails(info, 'cryptosign', transportDetails(info.transport)),
      authid: info.authid ?? null,
      authrole: info.authrole ?? null,
    };
    const called = await callAuthenticator({
      caller: ctx.caller,
      realms: ctx.realms,
      procedure,
      authenticatorRealm,
      requestedRealm: info.realm,
      args: [info.realm, info.authid ?? null, details],
      timeoutMs: ctx.dynamicTimeoutMs,
    });
    if (!called.ok) return called.abort;
    const principal = parsePrincipal(called.value, procedure);
    if (isAbort(principal)) return principal;
    // The key comes from the authenticator, never from the client alone: an authenticator that forgets
    // it must not turn into "any key the client brings is fine".
    const returned = (called.value as Record<string, unknown> | null)?.['pubkey'];
    if (typeof returned !== 'string' || !PUBKEY.test(returned)) {
      return abort(WAMP_ERROR.authentication_failed, `dynamic authenticator ${procedure} returned no valid "pubkey" (WAMP-Cryptosign needs {pubkey, role}, pubkey as 64 hex digits)`);
    }
    const expectedKey = returned.toLowerCase();
    if (pubkey !== undefined && pubkey !== expectedKey) {
      return deny('extra.pubkey provided does not match the public key the authenticator returned for this principal', true);
    }
    const identity = assignPrincipal(
      { requestedRealm: info.realm, requestedAuthid: info.authid, principal, authmethod: 'cryptosign', authprovider: 'dynamic' },
      ctx.realms,
    );
    if (isAbort(identity)) return identity;
    return challenge(identity, expectedKey, binding, ctx);
  }
}

interface Binding {
  type: 'tls-unique' | null;
  channelId: Uint8Array | null;
}

/**
 * Autobahn's channel_id for "tls-unique": SHA-256 of the RFC 5929 value the TLS transport exposes
 * (transport/channel-binding.ts); null on a transport without TLS.
 */
function tlsUniqueChannelId(info: HelloInfo): Uint8Array | null {
  const raw = info.transport.channelBinding?.() ?? null;
  return raw ? new Uint8Array(createHash('sha256').update(raw).digest()) : null;
}

/** HELLO's authextra.channel_binding against what the transport can bind to. */
function channelBinding(info: HelloInfo): Binding | AuthAbort {
  const requested = info.authextra?.['channel_binding'];
  if (requested === undefined || requested === null) return { type: null, channelId: null };
  if (requested !== 'tls-unique') {
    return deny(`invalid channel binding type ${JSON.stringify(requested)?.slice(0, 64) ?? String(requested)} requested (supported: "tls-unique", or none)`);
  }
  const channelId = info.transport.channelId?.['tls-unique'] ?? tlsUniqueChannelId(info);
  if (!channelId || channelId.length !== 32) {
    return deny('channel binding "tls-unique" requested, but this transport is not TLS: connect with wss:// (or rss://), or leave channel_binding out');
  }
  return { type: 'tls-unique', channelId };
}

/** Whether the principal's authorized_keys hold `pubkey`; stored keys that cannot be looked up are noted in `unresolved`. */
async function authorizes(principal: CryptosignPrincipal, pubkey: string, ctx: MethodContext, unresolved: string[]): Promise<boolean> {
  for (const key of principal.authorizedKeys) {
    const hex = await resolveKey(key, ctx, unresolved);
    if (hex === pubkey) return true;
  }
  return false;
}

async function resolveKey(key: AuthorizedKey, ctx: MethodContext, unresolved: string[]): Promise<string | null> {
  if (key.kind === 'hex') return key.publicKey;
  try {
    return (await ctx.secrets.keyPublicKey(key.name)).toLowerCase();
  } catch (error) {
    unresolved.push(`${key.name}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The router's own problem (a stored key it cannot look up), not the client's: no rate-limit strike. */
function keysUnavailable(unresolved: string[]): AuthAbort {
  return abort(WAMP_ERROR.authentication_failed, `the authorized keys cannot be checked: stored key ${unresolved[0]}`);
}

function challenge(identity: Identity, pubkeyHex: string, binding: Binding, ctx: MethodContext): PendingChallenge {
  const nonce = ctx.randomBytes(CRYPTOSIGN_CHALLENGE_BYTES);
  const expected = binding.channelId ? xor(nonce, binding.channelId) : nonce;
  const verifyKey = publicKeyFromRaw(Buffer.from(pubkeyHex, 'hex'));
  return {
    kind: 'challenge',
    authmethod: 'cryptosign',
    extra: { challenge: Buffer.from(nonce).toString('hex'), channel_binding: binding.type },
    verify: async (signature) => {
      if (!/^[0-9a-fA-F]*$/.test(signature) || signature.length % 2 !== 0) {
        return deny('signed message is invalid (not a HEX encoded string)', true);
      }
      if (signature.length !== 192) {
        return deny(`signed message has invalid length (was ${signature.length / 2}, but should have been 96)`, true);
      }
      const bytes = Buffer.from(signature, 'hex');
      const message = bytes.subarray(64);
      if (!verifyEd25519(verifyKey, message, bytes.subarray(0, 64))) return deny('signed message has invalid signature', true);
      // A valid signature of something else (an old challenge, another channel's): Crossbar's "bogus".
      if (!timingSafeEqual(message, expected)) return deny('message signed is bogus', true);
      return identity;
    },
  };
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((byte, i) => byte ^ b[i]!);
}
