// Writes a made certificate and its key into a folder: cert.pem (public, 0644) and key.pem (0600, the
// private key in the clear — the router must read it without a prompt). Existing files are kept unless
// `force`, so a second click or command never silently replaces a certificate clients have pinned.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeSelfSignedCertificate, type SelfSignedOptions } from './self-signed-cert';

export const CERT_FILE_NAME = 'cert.pem';
export const KEY_FILE_NAME = 'key.pem';
/** Where the app keeps the certificate it makes (a folder of the data folder). */
export const TLS_DIR_NAME = 'tls';

export interface WrittenCertificate {
  certFile: string;
  keyFile: string;
  fingerprint256: string;
  notAfter: string;
}

export class CertificateExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; pass --force to replace it (clients that trust or pin the old certificate will refuse the new one)`);
    this.name = 'CertificateExistsError';
  }
}

export async function writeSelfSignedCertificate(dir: string, options: SelfSignedOptions & { force?: boolean } = {}): Promise<WrittenCertificate> {
  const made = makeSelfSignedCertificate(options);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const certFile = join(dir, CERT_FILE_NAME);
  const keyFile = join(dir, KEY_FILE_NAME);
  const flag = options.force ? 'w' : 'wx';
  try {
    // Key first: a certificate file never exists without its key.
    await writeFile(keyFile, made.keyPem, { mode: 0o600, flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CertificateExistsError(keyFile);
    throw error;
  }
  try {
    await writeFile(certFile, made.certPem, { mode: 0o644, flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CertificateExistsError(certFile);
    throw error;
  }
  return { certFile, keyFile, fingerprint256: made.fingerprint256, notAfter: made.notAfter.toISOString() };
}
