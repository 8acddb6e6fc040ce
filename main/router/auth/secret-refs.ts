// Secrets in a router config may be written inline or referenced, so a config file can be shared or
// committed without the secrets in it:
//
//   "secret": "plain text"                        inline (as in Crossbar)
//   "secret": {"keychain": "NAME"}                keychain item "router:NAME" of the app's keychain service
//                                                 (store it with `authbahn router secret set NAME`)
//   "ticket": {"totp": "BASE32"}                  TOTP as ticket, inline base32 secret (any case, spaces ok)
//   "ticket": {"totp": {"keychain": "NAME"}}      TOTP secret (base32) in the keychain item "router:NAME"
//   "ticket": {"totp": {"account": "ID|ISSUER:LABEL"}}  TOTP account of the authenticator (its keychain
//                                                 secret, digits, period and algorithm)
//   "authorized_keys": [{"keychain-key": "NAME"}]  WAMP-Cryptosign: the public key of the app's stored
//                                                 key NAME (`authbahn keys generate NAME`)
//
// References are resolved on every login (a keychain edit takes effect without a restart) and checked
// once at start-up (checkReferences) so a typo is reported before the first client fails.
import { AppError } from '../../../shared/api/errors';
import type { HashAlgorithm } from '../../../shared/otp/types';
import type { AccountRecord } from '../../accounts/account-record';
import { accountSecretKey, type SecretStore } from '../../vault/secret-store';

export type SecretRef = { kind: 'inline'; value: string } | { kind: 'keychain'; name: string };

export interface TotpParams {
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
}

export type TotpRef =
  | { kind: 'secret'; secret: SecretRef; algorithm: HashAlgorithm; digits: number; period: number }
  | { kind: 'account'; query: string };

/** What the authenticators need from the vault. */
export interface SecretResolver {
  /** The secret of keychain item router:NAME; throws AppError when it is missing or the keychain fails. */
  keychainSecret(name: string): Promise<string>;
  /** TOTP parameters + secret of an authenticator account, by id or "issuer:label" (case-insensitive). */
  totpAccount(query: string): Promise<TotpParams>;
  /** Public key (64 hex digits) of the app's stored Ed25519 key NAME; throws AppError when there is none. */
  keyPublicKey(name: string): Promise<string>;
}

/** Keychain item name of a router secret. Distinct from account:ID so a config cannot name an account's item directly. */
export const routerSecretKey = (name: string): string => `router:${name}`;

export async function resolveSecret(ref: SecretRef, resolver: SecretResolver): Promise<string> {
  return ref.kind === 'inline' ? ref.value : resolver.keychainSecret(ref.name);
}

export async function resolveTotp(ref: TotpRef, resolver: SecretResolver): Promise<TotpParams> {
  if (ref.kind === 'account') return resolver.totpAccount(ref.query);
  return { secret: await resolveSecret(ref.secret, resolver), algorithm: ref.algorithm, digits: ref.digits, period: ref.period };
}

export function describeSecretRef(ref: SecretRef): string {
  return ref.kind === 'inline' ? 'inline secret' : `keychain item "${routerSecretKey(ref.name)}"`;
}

/** A resolver without a vault: every reference fails with a clear message (inline secrets still work). */
export const NO_VAULT: SecretResolver = {
  keychainSecret: async (name) => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', `keychain reference "${name}" cannot be resolved: no keychain is available`);
  },
  totpAccount: async (query) => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', `account reference "${query}" cannot be resolved: no keychain is available`);
  },
  keyPublicKey: async (name) => {
    throw new AppError('KEYCHAIN_UNAVAILABLE', `stored key "${name}" cannot be resolved: the app's keys are not available here`);
  },
};

/** The account fields a TOTP reference needs (AccountRecord and AccountView both fit). */
export type AccountRef = Pick<AccountRecord, 'id' | 'type' | 'issuer' | 'label' | 'algorithm' | 'digits' | 'period'>;

export interface VaultResolverOptions {
  secrets: SecretStore;
  /** Current account metadata (accounts.json). */
  accounts: () => Promise<AccountRef[]>;
  /** Public key (hex) of a stored Ed25519 key by name, null when there is none (keys.json). */
  publicKey?: (name: string) => Promise<string | null>;
}

/** Resolves references through main/vault (keychain) and the account metadata. */
export class VaultSecretResolver implements SecretResolver {
  constructor(private readonly options: VaultResolverOptions) {}

  async keychainSecret(name: string): Promise<string> {
    const value = await this.options.secrets.get(routerSecretKey(name));
    if (value === null) {
      throw new AppError(
        'NOT_FOUND',
        `keychain item "${routerSecretKey(name)}" does not exist (store it with: authbahn router secret set ${name})`,
      );
    }
    return value;
  }

  async totpAccount(query: string): Promise<TotpParams> {
    const account = findAccount(await this.options.accounts(), query);
    if (account.type !== 'totp') {
      throw new AppError('INVALID_ARGUMENT', `account "${query}" is a ${account.type.toUpperCase()} account; TOTP tickets need a TOTP account`);
    }
    const secret = await this.options.secrets.get(accountSecretKey(account.id));
    if (secret === null) throw new AppError('KEYCHAIN_ERROR', `the secret of account "${query}" is missing from the keychain`);
    return { secret, algorithm: account.algorithm, digits: account.digits, period: account.period };
  }

  async keyPublicKey(name: string): Promise<string> {
    const publicKey = this.options.publicKey ? await this.options.publicKey(name) : null;
    if (publicKey === null) throw new AppError('NOT_FOUND', `there is no stored key "${name}" (create it with: authbahn keys generate ${name})`);
    return publicKey;
  }

  /** Stores a router secret under router:NAME (`authbahn router secret set NAME`). */
  async setKeychainSecret(name: string, value: string): Promise<void> {
    checkSecretName(name);
    if (value === '') throw new AppError('INVALID_ARGUMENT', 'the secret must not be empty');
    await this.options.secrets.set(routerSecretKey(name), value);
  }

  async deleteKeychainSecret(name: string): Promise<boolean> {
    checkSecretName(name);
    return this.options.secrets.delete(routerSecretKey(name));
  }

  async hasKeychainSecret(name: string): Promise<boolean> {
    checkSecretName(name);
    return (await this.options.secrets.get(routerSecretKey(name))) !== null;
  }
}

function checkSecretName(name: string): void {
  if (!/^[\w.@:/-]{1,200}$/.test(name)) {
    throw new AppError('INVALID_ARGUMENT', `invalid secret name "${name}": use letters, digits and . _ - @ : / (at most 200)`);
  }
}

const fold = (s: string) => s.trim().toLocaleLowerCase();

/** Exact id, else exactly one account named "issuer:label" (case-insensitive). No fuzzy matching: this grants logins. */
export function findAccount<A extends AccountRef>(accounts: A[], query: string): A {
  const byId = accounts.find((a) => a.id === query);
  if (byId) return byId;
  const colon = query.indexOf(':');
  const hits =
    colon < 0
      ? accounts.filter((a) => a.issuer === '' && fold(a.label) === fold(query))
      : accounts.filter(
          (a) =>
            (fold(a.issuer) === fold(query.slice(0, colon)) && fold(a.label) === fold(query.slice(colon + 1))) ||
            (a.issuer === '' && fold(a.label) === fold(query)),
        );
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new AppError('NOT_FOUND', `no authenticator account "${query}" (use its id or "issuer:label")`);
  throw new AppError('INVALID_ARGUMENT', `"${query}" names ${hits.length} accounts; use the account id instead`);
}
