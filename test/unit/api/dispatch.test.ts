import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { createApiClient } from '../../../shared/api/client';
import { contract, methodNames, type ApiHandlers } from '../../../shared/api/contract';
import { AppError, toAppErrorData } from '../../../shared/api/errors';

/** Handlers that record calls; every method of the contract is present, as the type demands. */
function recordingHandlers(calls: string[]): ApiHandlers {
  const handlers: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> = {};
  for (const { ns, method } of methodNames()) {
    handlers[ns] ??= {};
    handlers[ns]![method] = async (...args: unknown[]) => {
      calls.push(`${ns}.${method}(${JSON.stringify(args)})`);
      return { ns, method };
    };
  }
  return handlers as unknown as ApiHandlers;
}

const validInput = {
  type: 'totp',
  issuer: 'ACME',
  label: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('dispatch', () => {
  it('calls the handler with validated arguments and wraps the value', async () => {
    const calls: string[] = [];
    const result = await dispatch(recordingHandlers(calls), 'accounts', 'add', [validInput]);
    expect(result).toEqual({ ok: true, value: { ns: 'accounts', method: 'add' } });
    expect(calls).toEqual([`accounts.add(${JSON.stringify([validInput])})`]);
  });

  it('rejects unknown namespaces/methods, including prototype names', async () => {
    const calls: string[] = [];
    const h = recordingHandlers(calls);
    for (const [ns, m] of [
      ['nope', 'list'],
      ['accounts', 'nope'],
      ['__proto__', 'toString'],
      ['accounts', 'constructor'],
      ['accounts', '__proto__'],
      [42, 'list'],
    ] as const) {
      const r = await dispatch(h, ns, m, []);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(calls).toEqual([]);
  });

  it('rejects arguments that do not match the contract and names the failing path', async () => {
    const calls: string[] = [];
    const r = await dispatch(recordingHandlers(calls), 'accounts', 'add', [{ ...validInput, digits: 'six' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ARGUMENT');
      expect(r.error.message).toContain('digits');
    }
    const tooMany = await dispatch(recordingHandlers(calls), 'accounts', 'list', ['extra']);
    expect(tooMany.ok).toBe(false);
    const notArray = await dispatch(recordingHandlers(calls), 'accounts', 'remove', 'id-1');
    expect(notArray.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('turns AppError into its data and anything else into INTERNAL, reporting only the latter', async () => {
    const report = vi.fn();
    const h = recordingHandlers([]);
    (h.accounts as Record<string, unknown>).remove = async () => {
      throw new AppError('NOT_FOUND', 'No account with id x', { id: 'x' });
    };
    (h.accounts as Record<string, unknown>).list = async () => {
      throw new TypeError('boom');
    };
    expect(await dispatch(h, 'accounts', 'remove', ['x'], report)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No account with id x', details: { id: 'x' } },
    });
    expect(report).not.toHaveBeenCalled();
    expect(await dispatch(h, 'accounts', 'list', [], report)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(report).toHaveBeenCalledOnce();
  });

  it('maps undefined results to null so they survive JSON transport', async () => {
    const h = recordingHandlers([]);
    (h.accounts as Record<string, unknown>).remove = async () => undefined;
    expect(await dispatch(h, 'accounts', 'remove', ['x'])).toEqual({ ok: true, value: null });
  });
});

describe('createApiClient', () => {
  it('exposes exactly the contract methods and forwards namespace, method and args', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: 7 }));
    const api = createApiClient(invoke, () => () => {});
    for (const ns of Object.keys(contract)) {
      expect(Object.keys((api as unknown as Record<string, object>)[ns]!).sort()).toEqual(
        Object.keys(contract[ns as keyof typeof contract]).sort(),
      );
    }
    expect(await api.codes.list(1000)).toEqual({ ok: true, value: 7 });
    expect(invoke).toHaveBeenCalledWith('codes', 'list', [1000]);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('turns a transport failure into an error Result instead of a rejection', async () => {
    const api = createApiClient(
      async () => {
        throw new Error('socket closed');
      },
      () => () => {},
    );
    expect(await api.accounts.list()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'socket closed' } });
  });

  it('subscribes events through the transport and returns its unsubscribe', () => {
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    const api = createApiClient(async () => ({ ok: true, value: null }), subscribe);
    const handler = () => {};
    expect(api.events.on('accounts.changed', handler)).toBe(off);
    expect(subscribe).toHaveBeenCalledWith('accounts.changed', handler);
  });
});

describe('toAppErrorData', () => {
  it('keeps known error-shaped values and hides unknown codes', () => {
    expect(toAppErrorData({ code: 'NOT_FOUND', message: 'x' })).toEqual({ code: 'NOT_FOUND', message: 'x' });
    expect(toAppErrorData({ code: 'EACCES', message: 'denied' })).toEqual({ code: 'INTERNAL', message: 'denied' });
    expect(toAppErrorData('plain')).toEqual({ code: 'INTERNAL', message: 'plain' });
  });
});

describe('API_METHOD_NAMES', () => {
  it('lists exactly the contract methods, so the zod-free clients build the whole Api', async () => {
    const { API_METHOD_NAMES } = await import('../../../shared/api/api-names');
    const listed = Object.entries(API_METHOD_NAMES).flatMap(([ns, methods]) => methods.map((m) => `${ns}.${m}`));
    expect(listed.sort()).toEqual(methodNames().map(({ ns, method }) => `${ns}.${method}`).sort());
  });
});
