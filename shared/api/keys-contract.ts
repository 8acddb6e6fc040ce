// The `keys` namespace of the API contract: Ed25519 key pairs for WAMP-Cryptosign. The private half
// lives only in the OS keychain (main process); nothing here ever returns it — a private key travels
// only inbound, once, when it is imported.
import { z } from 'zod';
import type { MethodSpec } from './contract';

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

/** Key names: used by the CLI, the tester and router configs ({"keychain-key": NAME}). */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const KEY_NAME_RULE = 'a key name is 1 to 64 letters, digits and . _ - @, starting with a letter or digit';
export const keyNameSchema = z.string().regex(KEY_NAME_PATTERN, { error: KEY_NAME_RULE });

/** Longest private key text accepted by import (an OpenSSH key file is well under 1 KiB). */
export const MAX_KEY_IMPORT_CHARS = 16 * 1024;

export interface KeyView {
  name: string;
  /** Ed25519 public key, 64 lowercase hex digits (WAMP-Cryptosign's authextra.pubkey / authorized_keys). */
  publicKey: string;
  /** ISO time it was generated or imported. */
  createdAt: string;
  /** Generated here, or imported (hex seed or OpenSSH key). */
  origin: 'generated' | 'imported';
}

export const keysContract = {
  list: method<KeyView[]>()(z.tuple([])),
  /** A new random key pair; DUPLICATE when the name is taken. */
  generate: method<KeyView>()(z.tuple([keyNameSchema])),
  /** An existing private key: 32-byte hex seed or an unencrypted OpenSSH ed25519 key. */
  import: method<KeyView>()(z.tuple([keyNameSchema, z.string().min(1).max(MAX_KEY_IMPORT_CHARS)])),
  /** Deletes the metadata and the private key in the keychain (cannot be undone). */
  remove: method<void>()(z.tuple([keyNameSchema])),
} as const;
