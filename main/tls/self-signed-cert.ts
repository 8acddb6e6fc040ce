// A self-signed X.509 v3 certificate for the local router's TLS endpoints, made with node:crypto alone
// (no openssl binary, no extra package): an ECDSA P-256 key, and a certificate for localhost,
// 127.0.0.1 and ::1 that is its own CA — so clients can trust exactly this file (`--ca cert.pem`,
// Python's cafile, Node's `ca`) or pin its SHA-256 fingerprint (`authbahn test --pin`).
//
// Layout (RFC 5280 4.1): Certificate = SEQUENCE { tbsCertificate, signatureAlgorithm, signature }.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, implicitPrimitive, objectId, octetString, sequence, set, smallInteger, time, unsignedInteger, utf8String } from './der';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export interface SelfSignedOptions {
  /** DNS names in the subjectAltName; default ["localhost"]. */
  dnsNames?: string[];
  /** IPv4/IPv6 addresses in the subjectAltName; default ["127.0.0.1", "::1"]. */
  ipAddresses?: string[];
  commonName?: string;
  /** Validity in days from now; default 365. */
  days?: number;
  now?: () => number;
}

export interface SelfSignedCertificate {
  /** PEM "CERTIFICATE". */
  certPem: string;
  /** PEM "PRIVATE KEY" (PKCS #8, unencrypted: the router reads it at start). */
  keyPem: string;
  /** SHA-256 of the DER certificate as colon-separated upper-case hex (what browsers and `openssl x509 -fingerprint -sha256` show). */
  fingerprint256: string;
  notAfter: Date;
}

function extension(oid: string, critical: boolean, value: Uint8Array): Buffer {
  return critical ? sequence(objectId(oid), boolean(true), octetString(value)) : sequence(objectId(oid), octetString(value));
}

function ipBytes(address: string): Buffer {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return Buffer.from(address.split('.').map(Number));
  // IPv6: expand "::" and write eight 16-bit groups.
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) throw new Error(`not an IP address: ${address}`);
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** subjectPublicKey bits of an EC key: 0x04 || X || Y (what the key identifier hashes). */
function ecPoint(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}

export function makeSelfSignedCertificate(options: SelfSignedOptions = {}): SelfSignedCertificate {
  const now = new Date((options.now ?? Date.now)());
  const days = options.days ?? 365;
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha1').update(ecPoint(publicKey)).digest();

  const name = sequence(
    set(sequence(objectId(OID.commonName), utf8String(options.commonName ?? 'Authbahn local router'))),
    set(sequence(objectId(OID.organization), utf8String('Authbahn'))),
  );
  // Backdated an hour so a client whose clock runs a little behind still accepts it.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 3600_000);
  const notAfter = new Date(notBefore.getTime() + 3600_000 + days * 86_400_000);
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive, at most 20 octets (RFC 5280 4.1.2.2)
  serial[0]! |= 0x01; // never starts with zero bytes that DER would strip

  const altNames = sequence(...dnsNames.map((d) => implicitPrimitive(2, Buffer.from(d, 'ascii'))), ...ipAddresses.map((ip) => implicitPrimitive(7, ipBytes(ip))));
  const extensions = sequence(
    // Its own CA (pathLen 0): trusting this one file is enough for OpenSSL, Python and Node clients.
    extension(OID.basicConstraints, true, sequence(boolean(true), smallInteger(0))),
    // digitalSignature (bit 0) and keyCertSign (bit 5): 1000 0100, last 2 bits unused.
    extension(OID.keyUsage, true, bitString(Buffer.from([0x84]), 2)),
    extension(OID.extKeyUsage, false, sequence(objectId(OID.serverAuth))),
    extension(OID.subjectAltName, false, altNames),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyId))),
  );
  const signatureAlgorithm = sequence(objectId(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), as X.509 wants them.
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  const certPem = toPem('CERTIFICATE', der);
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: new X509Certificate(der).fingerprint256,
    notAfter,
  };
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
