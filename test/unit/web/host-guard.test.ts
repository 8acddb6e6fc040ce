import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, allowedOrigins, isAllowedHostHeader, isAllowedOrigin, isLoopbackHost, urlHost } from '../../../main/web/host-guard';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])('accepts %s', (h) =>
    expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', 'localhost.evil.com', '128.0.0.1', ''])('refuses %s', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('Host and Origin allow-lists', () => {
  const hosts = allowedHostHeaders(4321, '127.0.0.1');
  const origins = allowedOrigins(4321, '127.0.0.1');

  it('accept the loopback names with the right port', () => {
    for (const h of ['127.0.0.1:4321', 'localhost:4321', '[::1]:4321', 'LocalHost:4321']) expect(isAllowedHostHeader(h, hosts)).toBe(true);
    for (const o of ['http://127.0.0.1:4321', 'http://localhost:4321', 'http://[::1]:4321']) expect(isAllowedOrigin(o, origins)).toBe(true);
  });

  it('refuse rebinding hosts, wrong ports, missing headers and other schemes', () => {
    for (const h of ['evil.example:4321', '127.0.0.1:4322', '127.0.0.1', 'localhost', undefined, '127.0.0.1:4321.evil']) {
      expect(isAllowedHostHeader(h, hosts)).toBe(false);
    }
    for (const o of ['http://evil.example:4321', 'http://127.0.0.1:80', 'https://127.0.0.1:4321', 'null', 'file://', undefined]) {
      expect(isAllowedOrigin(o, origins)).toBe(false);
    }
  });

  it('brackets IPv6 bound hosts', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(allowedHostHeaders(5, '::1').has('[::1]:5')).toBe(true);
  });
});
