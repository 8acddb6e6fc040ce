// Child process for keychain.test.ts: probes the keychain with whatever D-Bus address it was given
// and prints the result as JSON (run with `node --import jiti/register`).
import { probeKeychain } from '../../../main/vault/keychain-probe';
import { KeyringSecretStore } from '../../../main/vault/keyring-secret-store';

const store = new KeyringSecretStore({ service: process.env.AUTHBAHN_KEYCHAIN_SERVICE ?? 'authbahn-probe-child' });
const status = await probeKeychain(store, { timeoutMs: 5_000 });
process.stdout.write(`${JSON.stringify(status)}\n`);
