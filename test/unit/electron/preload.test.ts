// The preload with Electron replaced by fakes: it must expose exactly one thing (window.api built from
// the contract) and route calls and events through the two IPC channels.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api/contract';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, ((...args: unknown[]) => void)[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => (electron.invoked.push(args), { ok: true, value: 'from-main' }),
    on: (channel: string, fn: (...args: unknown[]) => void) => electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), fn]),
  },
}));

type AnyApi = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> & {
  events: { on(event: string, fn: (payload: unknown) => void): () => void };
};
let api: AnyApi;

beforeAll(async () => {
  await import('../../../main/electron/preload');
  api = electron.exposed.get('api') as AnyApi;
});

describe('preload', () => {
  it('exposes only window.api, frozen, with every contract method', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.isFrozen(api)).toBe(true);
    for (const { ns, method } of methodNames()) expect(typeof api[ns]![method], `${ns}.${method}`).toBe('function');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
  });

  it('invokes the API channel with namespace, method and arguments', async () => {
    expect(await api.accounts!.remove!('abc')).toEqual({ ok: true, value: 'from-main' });
    expect(electron.invoked.at(-1)).toEqual(['authbahn:api', 'accounts', 'remove', ['abc']]);
  });

  it('fans one IPC listener out to subscribers, ignoring unknown events', () => {
    expect(electron.listeners.get('authbahn:event')).toHaveLength(1);
    const emit = (name: unknown, payload: unknown) => electron.listeners.get('authbahn:event')![0]!({}, name, payload);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.events.on('accounts.changed', (p) => a.push(p));
    api.events.on('accounts.changed', (p) => b.push(p));
    emit('accounts.changed', { reason: 'added' });
    emit('not.an.event', {});
    emit(42, {});
    offA();
    emit('accounts.changed', { reason: 'removed' });
    expect(a).toEqual([{ reason: 'added' }]);
    expect(b).toEqual([{ reason: 'added' }, { reason: 'removed' }]);
    expect(electron.listeners.get('authbahn:event')).toHaveLength(1);
    expect(api.events.on('bogus' as never, () => undefined)).toBeTypeOf('function');
  });
});
