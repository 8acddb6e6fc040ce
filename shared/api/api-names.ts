// The names of the contract's methods and events, and nothing else. The Electron preload and the web
// bridge build the Api object from these; importing contract.ts instead would pull zod and every
// schema into the preload and the renderer's first chunk, although validation happens only in main.
import type { Contract, EventName, Namespace } from './contract';

export const API_METHOD_NAMES = {
  app: ['info', 'status'],
  accounts: ['list', 'add', 'importUri', 'update', 'remove', 'reorder', 'qr', 'exportUris', 'exportMigration', 'exportAegis', 'orphans', 'recover'],
  codes: ['list', 'copy', 'hotpNext', 'hotpUndo'],
  qr: ['scanImage', 'scanScreen', 'importPreview', 'discardPreview'],
  import: ['previewFile', 'previewText', 'commit', 'discard'],
  tester: [
    'listProfiles',
    'saveProfile',
    'removeProfile',
    'run',
    'runAll',
    'results',
    'exportReport',
    'history',
    'historyRun',
    'clearHistory',
    'duplicateProfile',
    'exportSuite',
    'importSuite',
  ],
  router: [
    'status',
    'start',
    'stop',
    'getConfig',
    'validateConfig',
    'saveConfig',
    'setPort',
    'sessions',
    'killSession',
    'authLog',
    'clearAuthLog',
    'setSecret',
    'deleteSecret',
    'storedSecrets',
    'certificate',
    'makeCertificate',
  ],
  lock: ['status', 'lock', 'unlock', 'setPassword', 'confirm', 'activity'],
  settings: ['get', 'update'],
  backup: ['status', 'setPassword', 'runNow', 'restore'],
  keys: ['list', 'generate', 'import', 'remove'],
} as const satisfies { readonly [N in Namespace]: readonly (keyof Contract[N] & string)[] };

export const EVENT_NAMES = [
  'accounts.changed',
  'clipboard.cleared',
  'router.status',
  'router.sessions',
  'router.auth',
  'lock.changed',
  'settings.changed',
  'backup.status',
] as const satisfies readonly EventName[];

// Compile-time completeness: a method or event added to the contract but not listed here is a type
// error naming it (the `satisfies` clauses above already reject names the contract doesn't have).
type Listed<N extends Namespace> = (typeof API_METHOD_NAMES)[N][number];
type Unlisted = { [N in Namespace]: `${N}.${Exclude<keyof Contract[N] & string, Listed<N>>}` }[Namespace];
type UnlistedEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
export const namesComplete: [Unlisted | UnlistedEvent] extends [never] ? true : Unlisted | UnlistedEvent = true;
