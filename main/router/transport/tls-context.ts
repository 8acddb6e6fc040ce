// A TLS endpoint's files → Node TLS server options. Crossbar's endpoint "tls": key, certificate,
// chain_certificates (intermediates sent after the certificate), ciphers (OpenSSL cipher list), dhparam
// (PEM Diffie-Hellman parameters for DHE ciphers). Paths are already absolute here (the config loader
// resolves them against the config file's folder). Errors name the file and what is wrong with it.
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, TLSSocket, type SecureContextOptions } from 'node:tls';

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

/**
 * Warnings about TLS options that load but cannot work for some clients. Today: a "ciphers" list with no
 * TLS 1.2 cipher for the certificate's key. Crossbar's documented list is ECDHE-RSA/DHE-RSA only, and
 * `authbahn router cert` makes an ECDSA key: copied together, every TLS 1.2 client is refused with
 * "no shared cipher" (TLS 1.3 suites are not governed by "ciphers", so TLS 1.3 clients still connect and
 * nothing looks wrong until a TLS 1.2 client — Python with maximum_version 1.2, older libraries — tries).
 * Checked by one TLS 1.2 handshake in memory against a client offering every cipher OpenSSL has: what the
 * cipher list and the key really allow, aliases like HIGH:!aNULL included. Empty when "ciphers" is unset.
 */
export async function tlsOptionWarnings(options: SecureContextOptions, files: TlsFiles, transportId: string): Promise<string[]> {
  if (files.ciphers === undefined) return [];
  const refusal = await tls12HandshakeError(options);
  if (refusal === null) return [];
  const keyType = keyTypeOf(options.key);
  const example = keyType === 'ec' ? 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384' : 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';
  const key = keyType === 'ec' ? 'ECDSA' : keyType === 'rsa' ? 'RSA' : (keyType ?? 'this');
  return [
    `transport "${transportId}": its TLS "ciphers" leave no TLS 1.2 cipher for the ${key} key of ${files.certFile} (${refusal}): ` +
      `TLS 1.2 clients will be refused, only TLS 1.3 clients can connect. Add ciphers for an ${key} key (e.g. "${example}") or remove "ciphers".`,
  ];
}

function keyTypeOf(key: SecureContextOptions['key']): string | undefined {
  try {
    return createPrivateKey(key as Buffer).asymmetricKeyType;
  } catch {
    return undefined;
  }
}

/** null if a TLS 1.2 handshake with these server options succeeds, else OpenSSL's reason. */
async function tls12HandshakeError(options: SecureContextOptions): Promise<string | null> {
  const [serverSide, clientSide] = memoryPipe();
  const server = new TLSSocket(serverSide, { isServer: true, secureContext: createSecureContext(options) });
  const client = tlsConnect({ socket: clientSide, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ALL:@SECLEVEL=0', rejectUnauthorized: false });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: string | null) => {
      if (settled) return;
      settled = true;
      client.destroy();
      server.destroy();
      resolve(result);
    };
    const reason = (error: Error) => /no shared cipher/i.test(error.message) ? 'no shared cipher' : error.message.split('\n')[0]!.slice(0, 200);
    client.once('secureConnect', () => finish(null));
    // `on`, not `once`: a second error after the first (the other end going away) must not go unhandled.
    server.on('error', (error: Error) => finish(reason(error)));
    client.on('error', (error: Error) => finish(reason(error)));
  });
}

/** Two in-memory Duplex ends: what one writes, the other reads (a socket pair without a socket). */
function memoryPipe(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
    });
  ends.push(end(() => ends[1]!), end(() => ends[0]!));
  return [ends[0]!, ends[1]!];
}
