// The one API contract between the UI and the main process (GitHub Desktop style: one file, typed both ways).
// Each method declares a zod schema for its argument tuple — main validates every request against it,
// because a compromised or buggy renderer must not be able to pass arbitrary values to services —
// and a phantom result type that the client and the handlers share.
import { z } from 'zod';
import { HASH_ALGORITHMS, OTP_TYPES } from '../otp/types';
import { importContract } from './import-contract';
import { keysContract } from './keys-contract';
import { qrContract } from './qr-contract';
import { routerContract, type RouterEvents } from './router-contract';
import { backupContract, lockContract, settingsContract, type SettingsEvents } from './settings-contract';
import { testerContract } from './tester-contract';
import type {
  AccountQr,
  AccountView,
  AppInfo,
  AppStatus,
  CodeView,
  CopyResult,
  ImportSummary,
  MigrationQr,
  OrphanSecret,
} from './types';

export interface MethodSpec<Args extends unknown[], R> {
  readonly args: z.ZodType<Args, unknown>;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

const id = z.string().min(1).max(64);
const shortText = z.string().max(256);
const int = z.number().int().finite();

export const accountInputSchema = z.object({
  type: z.enum(OTP_TYPES),
  issuer: shortText,
  label: shortText,
  secret: z.string().max(1024),
  algorithm: z.enum(HASH_ALGORITHMS),
  digits: int,
  period: int,
  counter: int.min(0),
  tags: z.array(z.string().max(64)).max(32).optional(),
});

export const accountPatchSchema = accountInputSchema.partial();

export const contract = {
  app: {
    info: method<AppInfo>()(z.tuple([])),
    status: method<AppStatus>()(z.tuple([])),
  },
  accounts: {
    list: method<AccountView[]>()(z.tuple([])),
    add: method<AccountView>()(z.tuple([accountInputSchema])),
    /** Import one otpauth:// URI or an otpauth-migration:// URI (which may hold many accounts). */
    importUri: method<ImportSummary>()(z.tuple([z.string().max(64 * 1024)])),
    update: method<AccountView>()(z.tuple([id, accountPatchSchema])),
    remove: method<void>()(z.tuple([id])),
    /** New order: every account id exactly once. */
    reorder: method<AccountView[]>()(z.tuple([z.array(id).max(10_000)])),
    qr: method<AccountQr>()(z.tuple([id])),
    exportUris: method<string[]>()(z.tuple([])),
    exportMigration: method<MigrationQr[]>()(z.tuple([])),
    /**
     * Keychain secrets of this data folder that no account references (an interrupted add or remove).
     * `all`: also scan the keychain service for other unreferenced account items.
     */
    orphans: method<OrphanSecret[]>()(z.tuple([z.object({ all: z.boolean().optional() }).strict().optional()])),
    /** Turns an orphaned keychain secret back into an account (placeholder name unless the backup knows it). */
    recover: method<AccountView>()(z.tuple([id])),
    /** Every account (tags as groups) as an Aegis vault file; encrypted with the password, plain when null. */
    exportAegis: method<string>()(z.tuple([z.string().min(1).max(1024).nullable()])),
  },
  codes: {
    /** Current codes of all accounts; `at` (Unix ms) is for previews/tests, default now. */
    list: method<CodeView[]>()(z.tuple([int.min(0).optional()])),
    copy: method<CopyResult>()(z.tuple([id])),
    /** HOTP: advance the counter and return the new code. */
    hotpNext: method<CodeView>()(z.tuple([id])),
    /** Undo the counter advance of a copy: back to `counter` if the account is still at counter + 1. */
    hotpUndo: method<CodeView>()(z.tuple([id, int.min(0)])),
  },
  qr: qrContract,
  import: importContract,
  tester: testerContract,
  router: routerContract,
  lock: lockContract,
  settings: settingsContract,
  backup: backupContract,
  keys: keysContract,
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName<N extends Namespace> = keyof Contract[N] & string;

type ArgsOf<S> = S extends MethodSpec<infer A, unknown> ? A : never;
type ResultOf<S> = S extends MethodSpec<unknown[], infer R> ? R : never;

/** Push events from main to the UI. */
export interface ApiEvents {
  'accounts.changed': { reason: 'added' | 'updated' | 'removed' | 'reordered' | 'imported' | 'counter' };
  'clipboard.cleared': { id: string };
  'router.status': RouterEvents['router.status'];
  'router.sessions': RouterEvents['router.sessions'];
  'router.auth': RouterEvents['router.auth'];
  'lock.changed': SettingsEvents['lock.changed'];
  'settings.changed': SettingsEvents['settings.changed'];
  'backup.status': SettingsEvents['backup.status'];
}
export type EventName = keyof ApiEvents;
export { EVENT_NAMES } from './api-names';

/** What main implements: plain async functions that throw AppError on failure. */
export type ApiHandlers = {
  [N in Namespace]: {
    [M in keyof Contract[N]]: (...args: ArgsOf<Contract[N][M]>) => Promise<ResultOf<Contract[N][M]>>;
  };
};

import type { Result } from './result';

/** What the renderer calls: every method resolves to a Result, never rejects. */
export type Api = {
  [N in Namespace]: {
    [M in keyof Contract[N]]: (...args: ArgsOf<Contract[N][M]>) => Promise<Result<ResultOf<Contract[N][M]>>>;
  };
} & {
  events: {
    on<E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): () => void;
  };
};

/** Own-property lookup, so names like `__proto__` or `constructor` never resolve to anything. */
export function findMethod(ns: string, name: string): MethodSpec<unknown[], unknown> | undefined {
  if (!Object.prototype.hasOwnProperty.call(contract, ns)) return undefined;
  const group = contract[ns as Namespace] as Record<string, MethodSpec<unknown[], unknown>>;
  if (!Object.prototype.hasOwnProperty.call(group, name)) return undefined;
  return group[name];
}

export function methodNames(): { ns: Namespace; method: string }[] {
  return (Object.keys(contract) as Namespace[]).flatMap((ns) => Object.keys(contract[ns]).map((m) => ({ ns, method: m })));
}
