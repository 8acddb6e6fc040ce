// A saved profile's URL password lives in the keychain; a run puts it back into the URL, so the router
// still receives it (WebSocket clients send ws://user:password@host as HTTP Basic auth) — and the result
// still shows it only as "•••".
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { ProfilesStore } from '../../../main/tester/profiles-store';
import { HistoryFile } from '../../../main/tester/history/history-file';
import { TestHistory } from '../../../main/tester/history/test-history';
import { TesterService } from '../../../main/tester/tester-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { tempDir } from '../../unit/accounts/fixtures';

const PASSWORD = 'hunter2-Pw';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Records the headers of each WebSocket upgrade and refuses it with 401, as a Basic-auth proxy would. */
async function basicAuthGate(): Promise<{ port: number; upgrades: IncomingHttpHeaders[] }> {
  const upgrades: IncomingHttpHeaders[] = [];
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket) => {
    upgrades.push(req.headers);
    socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { port: (server.address() as AddressInfo).port, upgrades };
}

async function tester() {
  const secrets = new MemorySecretStore();
  const dir = await tempDir();
  const profiles = new ProfilesStore({ dir, secrets, now: Date.now, warn: () => undefined });
  const history = new TestHistory(new HistoryFile({ dir, now: Date.now, warn: () => undefined }));
  const service = new TesterService({
    profiles,
    accountTotp: async () => {
      throw new AppError('NOT_FOUND', 'no accounts here');
    },
    now: Date.now,
    version: '1.0.0',
    history,
  });
  return { profiles, service };
}

const draft = (url: string) => ({
  name: 'behind basic auth',
  url,
  realm: 'realm1',
  authmethod: 'anonymous' as const,
  serializer: 'json' as const,
  timeoutMs: 2000,
  probes: { call: [], register: [], publish: [], subscribe: [] },
});

describe('URL password of a saved profile', () => {
  it('is sent to the router on a run, and masked in the result', async () => {
    const gate = await basicAuthGate();
    const { service } = await tester();
    const saved = await service.saveProfile(draft(`ws://joe:${PASSWORD}@127.0.0.1:${gate.port}/ws`), null);
    expect(saved.url).toBe(`ws://joe@127.0.0.1:${gate.port}/ws`);

    const result = await service.run({ profileId: saved.id });
    expect(gate.upgrades.map((h) => h.authorization)).toEqual([`Basic ${Buffer.from(`joe:${PASSWORD}`).toString('base64')}`]);
    expect(result.details.url).toBe(`ws://joe:•••@127.0.0.1:${gate.port}/ws`);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(JSON.stringify(await service.results())).not.toContain(PASSWORD);
    expect((await service.exportReport('markdown')).content).not.toContain(PASSWORD);
  });

  it('stays home when the run points the profile at another URL (CLI --profile with --url)', async () => {
    const gate = await basicAuthGate();
    const { service } = await tester();
    const saved = await service.saveProfile(draft(`ws://joe:${PASSWORD}@127.0.0.1:${gate.port}/ws`), null);
    await service.runProfile(draft(`ws://joe@localhost:${gate.port}/ws`), saved.id, null);
    expect(gate.upgrades.map((h) => h.authorization)).toEqual([`Basic ${Buffer.from('joe:').toString('base64')}`]);
  });
});
