import { describe, expect, it } from 'vitest';
import { chooseSubprotocol, normalizePath, offeredProtocols, originAllowed, pathAccepted } from '../../../../main/router/transport/negotiate';

describe('upgrade negotiation', () => {
  it('picks the first supported protocol in the client order', () => {
    expect(chooseSubprotocol(['wamp.2.cbor', 'wamp.2.json'], ['json', 'msgpack', 'cbor'])?.protocol).toBe('wamp.2.cbor');
    expect(chooseSubprotocol(['wamp.2.cbor', 'wamp.2.json'], ['json'])?.protocol).toBe('wamp.2.json');
    expect(chooseSubprotocol(['wamp.2.ubjson', 'mqtt'], ['json', 'msgpack', 'cbor'])).toBeUndefined();
    expect(chooseSubprotocol([], ['json'])).toBeUndefined();
  });

  it('parses the protocol header', () => {
    expect(offeredProtocols('wamp.2.json, wamp.2.msgpack')).toEqual(['wamp.2.json', 'wamp.2.msgpack']);
    expect(offeredProtocols(undefined)).toEqual([]);
  });

  it('checks origins', () => {
    expect(originAllowed('http://evil.example', null)).toBe(true);
    expect(originAllowed('http://localhost:5173', ['http://localhost:*'])).toBe(true);
    expect(originAllowed('http://evil.example', ['http://localhost:*'])).toBe(false);
    expect(originAllowed('http://localhost.evil.example', ['http://localhost:*'])).toBe(false);
    expect(originAllowed(undefined, ['http://localhost:*'])).toBe(true);
  });

  it('accepts the configured path and the root', () => {
    expect(normalizePath('ws/')).toBe('/ws');
    expect(pathAccepted('/ws', '/ws')).toBe(true);
    expect(pathAccepted('/ws/?x=1', '/ws')).toBe(true);
    expect(pathAccepted('/', '/ws')).toBe(true);
    expect(pathAccepted('/other', '/ws')).toBe(false);
  });
});
