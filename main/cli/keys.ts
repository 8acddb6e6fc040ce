// `authbahn keys`: Ed25519 key pairs for WAMP-Cryptosign. The private half goes into the keychain and
// never comes out on the command line; `show` and `list` print public keys only. `import` reads the
// private key from standard input (never an argument: it would sit in the process list and the shell
// history). `delete` requires --yes, like `accounts remove`: the private key is gone for good.
import type { KeyView } from '../../shared/api/keys-contract';
import type { Services } from '../services';
import { parseCommandArgs } from './args';
import { readStdin, withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';

export const KEYS_USAGE = `Usage:
  authbahn keys generate NAME          make a new Ed25519 key pair; prints its public key
  authbahn keys list [--json]          list the stored keys (name, public key, created)
  authbahn keys show NAME              print the public key of NAME (64 hex digits)
  authbahn keys import NAME < FILE     store an existing private key read from standard input:
                                       32 bytes in hex, or an unencrypted OpenSSH ed25519 key
  authbahn keys delete NAME --yes      delete the key (its private half in the keychain too)

Keys for WAMP-Cryptosign. The private half lives only in the OS keychain; nothing prints it.
Use a key with \`authbahn test --authmethod cryptosign --cryptosign-key NAME\`, in a tester profile,
or in a router config as an authorized key: "authorized_keys": [{"keychain-key": "NAME"}].
Key names: 1 to 64 letters, digits and . _ - @.

Options:
  --json           (list) print a JSON list of {name, publicKey, createdAt, origin}
  --yes            (delete) confirm the deletion (required)
  --data-dir DIR   data folder (keys.json lives there)
  -h, --help       show this help
`;

const OPTIONS = { json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } as const;

export async function runKeys(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, KEYS_USAGE);
  if (values.help) {
    ctx.io.stdout(KEYS_USAGE);
    return EXIT.ok;
  }
  const [action, name, ...rest] = positionals;
  if (action === undefined) throw new UsageError('which action? generate, list, show, import or delete', KEYS_USAGE);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, KEYS_USAGE);
  const needName = () => {
    if (name === undefined) throw new UsageError(`keys ${action} needs a NAME`, KEYS_USAGE);
    return name;
  };
  if (values.json && action !== 'list') throw new UsageError('--json goes with keys list', KEYS_USAGE);
  if (values.yes && action !== 'delete') throw new UsageError('--yes goes with keys delete', KEYS_USAGE);
  const open = (needsKeychain: boolean, fn: (services: Services) => Promise<number>) =>
    withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain }, fn);

  switch (action) {
    case 'list': {
      if (name !== undefined) throw new UsageError(`unexpected argument "${name}"`, KEYS_USAGE);
      return open(false, async (services) => {
        const keys = await services.keys.list();
        if (values.json) ctx.io.stdout(`${JSON.stringify(keys, null, 2)}\n`);
        else if (keys.length === 0) ctx.io.stderr('No keys yet (make one with: authbahn keys generate NAME)\n');
        else ctx.io.stdout(formatList(keys));
        return EXIT.ok;
      });
    }
    case 'show': {
      const keyName = needName();
      return open(false, async (services) => {
        const publicKey = await services.keys.publicKey(keyName);
        if (publicKey === null) throw new CliFailure(`no key named "${keyName}" (see: authbahn keys list)`);
        ctx.io.stdout(`${publicKey}\n`);
        return EXIT.ok;
      });
    }
    case 'generate': {
      const keyName = needName();
      return open(true, async (services) => {
        const key = await services.keys.generate(keyName);
        ctx.io.stdout(`${key.publicKey}\n`);
        ctx.io.stderr(`Generated key "${key.name}"; its private half is in the keychain. The line above is its public key.\n`);
        return EXIT.ok;
      });
    }
    case 'import': {
      const keyName = needName();
      const text = await readStdin(ctx);
      if (text.trim() === '') throw new CliFailure('standard input held no private key (authbahn keys import NAME < KEYFILE)');
      return open(true, async (services) => {
        const key = await services.keys.import(keyName, text);
        ctx.io.stdout(`${key.publicKey}\n`);
        ctx.io.stderr(`Imported key "${key.name}" into the keychain. The line above is its public key.\n`);
        return EXIT.ok;
      });
    }
    case 'delete': {
      const keyName = needName();
      if (!values.yes) {
        throw new UsageError(`not deleting key "${keyName}" without --yes: its private half would be deleted from the keychain for good`, KEYS_USAGE);
      }
      return open(true, async (services) => {
        await services.keys.remove(keyName);
        ctx.io.stderr(`Deleted key "${keyName}".\n`);
        return EXIT.ok;
      });
    }
    default:
      throw new UsageError(`unknown action "${action}" (generate, list, show, import, delete)`, KEYS_USAGE);
  }
}

function formatList(keys: KeyView[]): string {
  const width = Math.max(4, ...keys.map((k) => k.name.length));
  const lines = [`${'NAME'.padEnd(width)}  PUBLIC KEY${' '.repeat(54)}  CREATED`];
  for (const k of keys) lines.push(`${k.name.padEnd(width)}  ${k.publicKey}  ${k.createdAt}${k.origin === 'imported' ? '  (imported)' : ''}`);
  return `${lines.join('\n')}\n`;
}
