// Turns a profile plus its secret into the Credential a run authenticates with. What the secret is
// depends on the authmethod: the ticket, the WAMP-CRA secret, or a base32 TOTP secret; a TOTP profile
// without one may name a stored authenticator account instead.
import { createHash } from 'node:crypto';
import type { TesterProfileDraft } from '../../shared/api/tester-contract';
import { codeWindow } from '../../shared/otp/generate';
import type { AccountTotp } from './account-totp';
import { cryptosignKeyFromHex } from './cryptosign';
import type { Credential } from './credentials';

export interface ResolveOptions {
  profileId: string | null;
  /** Stored accounts' TOTP codes; absent where no keychain is open (CLI without --totp-account). */
  accountTotp?: AccountTotp;
  now: () => number;
}

export function resolveCredential(profile: TesterProfileDraft, secret: string | null, options: ResolveOptions): Credential {
  const missing = (reason: string): Credential => ({ method: 'missing', authmethod: profile.authmethod, reason });
  switch (profile.authmethod) {
    case 'anonymous':
      return { method: 'anonymous' };
    case 'ticket':
      return secret ? { method: 'ticket', ticket: secret } : missing('no ticket given or stored in the keychain');
    case 'wampcra':
      return secret ? { method: 'wampcra', secret, ...(profile.cra ? { cra: profile.cra } : {}) } : missing('no WAMP-CRA secret given or stored in the keychain');
    case 'cryptosign': {
      if (!secret) return missing('no WAMP-Cryptosign private key given or stored in the keychain, and no stored key chosen');
      try {
        return { method: 'cryptosign', key: cryptosignKeyFromHex(secret) };
      } catch (error) {
        return missing(`the private key cannot be used: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    case 'totp': {
      if (profile.totpAccountId && !secret) {
        const accountId = profile.totpAccountId;
        const accountTotp = options.accountTotp;
        if (!accountTotp) return missing('stored authenticator accounts are not available here');
        return { method: 'totp', source: `account:${accountId}`, codeAt: (at) => accountTotp(accountId, at) };
      }
      if (!secret) return missing('no TOTP secret given or stored, and no authenticator account chosen');
      const params = profile.totp ?? { algorithm: 'SHA1' as const, digits: 6, period: 30 };
      const window = (at: number) => codeWindow({ type: 'totp', counter: 0, ...params, secret }, at);
      try {
        window(options.now());
      } catch (error) {
        return missing(`the TOTP secret cannot be used: ${error instanceof Error ? error.message : String(error)}`);
      }
      // The replay memory needs to tell secrets apart, not know them: a hash prefix is enough.
      const source = `secret:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
      return {
        method: 'totp',
        source,
        codeAt: async (at) => {
          const w = window(at);
          return { code: w.code, validUntil: w.validUntil ?? at };
        },
      };
    }
  }
}
