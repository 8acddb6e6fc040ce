// The Router screen's certificate: none at first, made into <data>/tls with its fingerprint, kept
// unless replacing is asked for (clients may pin it).
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { RouterCertificate } from '../../../main/router-app/router-certificate';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-routercert-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RouterCertificate', () => {
  it('makes one certificate in the data folder and shows its fingerprint', async () => {
    const certs = new RouterCertificate({ dataDir: dir });
    expect(await certs.current()).toBeNull();
    const made = await certs.make(false);
    expect(made.certFile).toBe(join(dir, 'tls', 'cert.pem'));
    expect(made.fingerprint256).toBe(new X509Certificate(await readFile(made.certFile)).fingerprint256);
    expect(made.names).toContain('IP Address:127.0.0.1');
    expect(await certs.current()).toEqual(made);
    await expect(certs.make(false)).rejects.toMatchObject({ code: 'DUPLICATE' } satisfies Partial<AppError>);
    const replaced = await certs.make(true);
    expect(replaced.fingerprint256).not.toBe(made.fingerprint256);
  });
});
