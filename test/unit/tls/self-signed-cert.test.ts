// The self-signed certificate is checked with Node's own X.509 parser and TLS stack: it must parse,
// verify with its own key, name localhost/127.0.0.1/::1, and be accepted by a TLS client that trusts
// exactly this file.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { bitString, objectId, time, tlv, unsignedInteger } from '../../../main/tls/der';
import { CertificateExistsError, writeSelfSignedCertificate } from '../../../main/tls/cert-files';
import { makeSelfSignedCertificate } from '../../../main/tls/self-signed-cert';
import { normalizeFingerprint } from '../../../shared/wamp/fingerprint';

describe('DER encoders', () => {
  it('encode known values', () => {
    expect(objectId('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(unsignedInteger(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(unsignedInteger(Buffer.from([0, 0, 5])).toString('hex')).toBe('020105');
    expect(tlv(0x04, Buffer.alloc(200)).subarray(0, 3).toString('hex')).toBe('0481c8');
    expect(tlv(0x04, Buffer.alloc(300)).subarray(0, 4).toString('hex')).toBe('0482012c');
    expect(bitString(Buffer.from([0x84]), 2).toString('hex')).toBe('03020284');
    expect(time(new Date('2030-01-02T03:04:05Z')).toString('latin1')).toBe('\x17\x0d300102030405Z');
    expect(time(new Date('2051-01-02T03:04:05Z')).toString('latin1')).toBe('\x18\x0f20510102030405Z');
  });
});

describe('makeSelfSignedCertificate', () => {
  it('makes a v3 certificate for localhost, 127.0.0.1 and ::1 that verifies with its own key', () => {
    const now = Date.parse('2030-06-01T00:00:00Z');
    const made = makeSelfSignedCertificate({ now: () => now, days: 30 });
    const cert = new X509Certificate(made.certPem);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(now);
    expect(new Date(cert.validTo).getTime()).toBe(now + 30 * 86_400_000);
    expect(made.fingerprint256).toBe(cert.fingerprint256);
    expect(normalizeFingerprint(made.fingerprint256)).toMatch(/^[0-9a-f]{64}$/);
    expect(made.keyPem).toContain('BEGIN PRIVATE KEY');
  });

  it('is accepted by a TLS client that trusts exactly this file, for 127.0.0.1', async () => {
    const made = makeSelfSignedCertificate();
    const server = createServer({ key: made.keyPem, cert: made.certPem }, (socket) => socket.end('hi'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, ca: made.certPem }, () => socket.once('data', (d) => resolve(d.toString())));
        socket.on('error', reject);
      });
      expect(text).toBe('hi');
    } finally {
      server.close();
    }
  });

  it('writes key.pem (0600) and cert.pem, and never replaces them without force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authbahn-cert-'));
    try {
      const written = await writeSelfSignedCertificate(join(dir, 'tls'));
      expect(((await stat(written.keyFile)).mode & 0o777).toString(8)).toBe('600');
      expect(new X509Certificate(await readFile(written.certFile)).fingerprint256).toBe(written.fingerprint256);
      await expect(writeSelfSignedCertificate(join(dir, 'tls'))).rejects.toBeInstanceOf(CertificateExistsError);
      const again = await writeSelfSignedCertificate(join(dir, 'tls'), { force: true });
      expect(again.fingerprint256).not.toBe(written.fingerprint256);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('normalizeFingerprint', () => {
  it('accepts the usual spellings', () => {
    const hex = 'ab'.repeat(32);
    expect(normalizeFingerprint('AB:'.repeat(31) + 'AB')).toBe(hex);
    expect(normalizeFingerprint(`sha256:${hex.toUpperCase()}`)).toBe(hex);
    expect(normalizeFingerprint('abcd')).toBeUndefined();
  });
});
