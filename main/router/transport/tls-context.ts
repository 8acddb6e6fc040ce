// A TLS endpoint's files → Node TLS server options. Crossbar's endpoint "tls": key, certificate,
// chain_certificates (intermediates sent after the certificate), ciphers (OpenSSL cipher list), dhparam
// (PEM Diffie-Hellman parameters for DHE ciphers). Paths are already absolute here (the config loader
// resolves them against the config file's folder). Errors name the file and what is wrong with it.
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

export interface TlsFiles {
  keyFile: string;
  certFile: string;
  chainFiles?: string[];
  dhparamFile?: string;
  /** OpenSSL cipher list, e.g. "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384". */
  ciphers?: string;
}

export class TlsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsConfigError';
  }
}

async function readPem(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new TlsConfigError(`cannot read the TLS ${what} ${file}: ${why}`);
  }
}

export async function loadTlsOptions(files: TlsFiles, transportId: string): Promise<SecureContextOptions> {
  const key = await readPem(files.keyFile, 'key');
  const cert = await readPem(files.certFile, 'certificate');
  const chain = await Promise.all((files.chainFiles ?? []).map((f) => readPem(f, 'chain certificate')));
  const options: SecureContextOptions = {
    key,
    // The server sends its certificate followed by the intermediates, in this order.
    cert: Buffer.concat([cert, Buffer.from('\n'), ...chain.flatMap((c) => [c, Buffer.from('\n')])]),
    minVersion: 'TLSv1.2',
  };
  if (files.ciphers !== undefined) options.ciphers = files.ciphers;
  if (files.dhparamFile !== undefined) options.dhparam = await readPem(files.dhparamFile, 'dhparam');
  try {
    // Fails now, with OpenSSL's reason, on a key that does not match the certificate, a bad PEM, an unknown cipher.
    createSecureContext(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TlsConfigError(`transport "${transportId}": the TLS key/certificate cannot be used (${files.keyFile}, ${files.certFile}): ${reason}`);
  }
  return options;
}
