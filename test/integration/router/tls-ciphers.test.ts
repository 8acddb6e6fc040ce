// A TLS endpoint's "ciphers" that load but leave TLS 1.2 clients nothing: Crossbar's documented cipher
// list (ECDHE-RSA/DHE-RSA only) with the ECDSA certificate `authbahn router cert` makes. TLS 1.3 clients
// connect (its suites are not governed by "ciphers"), so nothing looked wrong until a TLS 1.2 client was
// refused with "no shared cipher". The router now says so when it starts (CLI stderr, app warnings).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import { composeRouter } from '../../../main/router/config/compose-router';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import { writeSelfSignedCertificate } from '../../../main/tls/cert-files';

// From Crossbar's "Secure WebSocket and HTTPS" documentation.
const CROSSBAR_CIPHERS =
  'ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA:DHE-RSA-AES128-SHA';

let dir: string;
let ca: Buffer;

const config = (ciphers: string | undefined) => ({
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [] }] }],
      transports: [
        { type: 'websocket', id: 'wss', endpoint: { type: 'tcp', port: 0, tls: { key: 'tls/key.pem', certificate: 'tls/cert.pem', ...(ciphers ? { ciphers } : {}) } } },
      ],
    },
  ],
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-tls-ciphers-'));
  ca = await readFile((await writeSelfSignedCertificate(join(dir, 'tls'))).certFile);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function start(ciphers: string | undefined) {
  const { router } = composeRouter(parseRouterConfig(config(ciphers), 'config.json', { baseDir: dir }), { shutdownGraceMs: 100 });
  const [bound] = await router.start();
  return { router, bound: bound! };
}

function handshake(port: number, maxVersion: SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca, maxVersion }, () => {
      resolve(`ok ${socket.getProtocol()}`);
      socket.destroy();
    });
    socket.on('error', (e) => resolve(`refused: ${e.message}`));
  });
}

describe('TLS "ciphers" and the key', () => {
  it('Crossbar\'s RSA-only list with an ECDSA key: a start-up warning, and indeed TLS 1.2 is refused while TLS 1.3 connects', async () => {
    const { router, bound } = await start(CROSSBAR_CIPHERS);
    try {
      expect(bound.warnings).toEqual([expect.stringMatching(/^transport "wss": its TLS "ciphers" leave no TLS 1\.2 cipher for the ECDSA key of .*cert\.pem \(no shared cipher\).*ECDHE-ECDSA-AES128-GCM-SHA256/)]);
      expect(await handshake(bound.port, 'TLSv1.2')).toMatch(/^refused/);
      expect(await handshake(bound.port, 'TLSv1.3')).toBe('ok TLSv1.3');
    } finally {
      await router.stop();
    }
  });

  it('a list with an ECDSA cipher, an alias list, or no list: no warning, TLS 1.2 connects', async () => {
    for (const ciphers of ['ECDHE-ECDSA-AES128-GCM-SHA256:' + CROSSBAR_CIPHERS, 'HIGH:!aNULL:!MD5', undefined]) {
      const { router, bound } = await start(ciphers);
      try {
        expect(bound.warnings, String(ciphers)).toBeUndefined();
        expect(await handshake(bound.port, 'TLSv1.2')).toBe('ok TLSv1.2');
      } finally {
        await router.stop();
      }
    }
  });

  it('`authbahn router` prints the warning on stderr', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify(config(CROSSBAR_CIPHERS)));
    let err = '';
    const code = await main(['router', '--config', join(dir, 'config.json')], {
      stdout: () => undefined,
      stderr: (t) => void (err += t),
      env: { AUTHBAHN_DATA_DIR: join(dir, 'data') },
      untilSignal: () => Promise.resolve(),
    });
    expect(code).toBe(0);
    expect(err).toMatch(/authbahn router: warning: transport "wss": its TLS "ciphers" leave no TLS 1\.2 cipher for the ECDSA key/);
  });
});
