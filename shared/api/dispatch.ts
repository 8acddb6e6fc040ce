// Server side of the contract, shared by the Electron IPC host and the web bridge:
// validates the request against the contract, calls the handler and turns any failure into a Result.
import { findMethod, type ApiHandlers } from './contract';
import { toAppErrorData } from './errors';
import { err, ok, type Result } from './result';

export type ErrorReporter = (error: unknown, where: string) => void;

export async function dispatch(
  handlers: ApiHandlers,
  ns: unknown,
  name: unknown,
  args: unknown,
  report?: ErrorReporter,
): Promise<Result<unknown>> {
  if (typeof ns !== 'string' || typeof name !== 'string') {
    return err({ code: 'INVALID_ARGUMENT', message: 'Request must name a namespace and a method' });
  }
  const spec = findMethod(ns, name);
  if (!spec) return err({ code: 'INVALID_ARGUMENT', message: `Unknown method ${ns}.${name}` });
  const parsed = spec.args.safeParse(Array.isArray(args) ? args : []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return err({
      code: 'INVALID_ARGUMENT',
      message: `Invalid arguments for ${ns}.${name}${where}: ${issue?.message ?? 'does not match the contract'}`,
    });
  }
  const group = handlers[ns as keyof ApiHandlers] as Record<string, (...a: unknown[]) => Promise<unknown>>;
  try {
    const value = await group[name]!(...parsed.data);
    return ok(value === undefined ? null : value);
  } catch (error) {
    const data = toAppErrorData(error);
    if (data.code === 'INTERNAL') report?.(error, `${ns}.${name}`);
    return err(data);
  }
}
