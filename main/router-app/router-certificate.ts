// The app's own TLS certificate for the router: made on request into <data>/tls (cert.pem, key.pem 0600)
// and shown with its SHA-256 fingerprint, so a user can put it in router.json ("tls": {"key":
// "tls/key.pem", "certificate": "tls/cert.pem"} — relative to router.json's folder) and hand the
// fingerprint or cert.pem to clients.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import type { RouterCertificateView } from '../../shared/api/router-contract';
import { CertificateExistsError, CERT_FILE_NAME, KEY_FILE_NAME, TLS_DIR_NAME, writeSelfSignedCertificate } from '../tls/cert-files';

export class RouterCertificate {
  constructor(
    private readonly deps: { dataDir: string; now?: () => number },
  ) {}

  private get dir(): string {
    return join(this.deps.dataDir, TLS_DIR_NAME);
  }

  async current(): Promise<RouterCertificateView | null> {
    let pem: Buffer;
    try {
      pem = await readFile(join(this.dir, CERT_FILE_NAME));
    } catch {
      return null;
    }
    try {
      const cert = new X509Certificate(pem);
      return {
        certFile: join(this.dir, CERT_FILE_NAME),
        keyFile: join(this.dir, KEY_FILE_NAME),
        fingerprint256: cert.fingerprint256,
        notAfter: new Date(cert.validTo).toISOString(),
        names: cert.subjectAltName ?? '',
      };
    } catch {
      return null;
    }
  }

  async make(replace: boolean): Promise<RouterCertificateView> {
    try {
      await writeSelfSignedCertificate(this.dir, { force: replace, ...(this.deps.now ? { now: this.deps.now } : {}) });
    } catch (error) {
      if (error instanceof CertificateExistsError) throw new AppError('DUPLICATE', 'A certificate exists already; replace it only if no client trusts or pins it', { file: error.file });
      throw new AppError('STORAGE_ERROR', `Could not write the certificate: ${error instanceof Error ? error.message : String(error)}`);
    }
    const made = await this.current();
    if (!made) throw new AppError('STORAGE_ERROR', 'The certificate was written but cannot be read back');
    return made;
  }
}
