// Calls that reveal secrets answer REAUTH_REQUIRED when an app lock exists and its password was not
// entered in the last few minutes. withReauth wraps exactly those methods of the Api object: on that
// answer it asks for the password (one prompt, however many calls are waiting), then retries once.
// Every other method is passed through untouched.
import type { Api } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { SECRET_REVEALING_METHODS } from '../../../shared/api/secret-revealing';

/** Shows the password prompt; true once lock.confirm succeeded, false when the user cancelled. */
export type AskPassword = () => Promise<boolean>;

type AnyMethod = (...args: unknown[]) => Promise<Result<unknown>>;

export function withReauth(api: Api, ask: AskPassword): Api {
  const copy: Record<string, unknown> = { ...api };
  for (const key of SECRET_REVEALING_METHODS) {
    const [ns, method] = key.split('.') as [string, string];
    const group = { ...(copy[ns] as Record<string, AnyMethod>) };
    const original = group[method]!;
    group[method] = async (...args: unknown[]) => {
      const first = await original(...args);
      if (first.ok || first.error.code !== 'REAUTH_REQUIRED') return first;
      if (!(await ask())) return first;
      return original(...args);
    };
    copy[ns] = group;
  }
  return copy as Api;
}

/** Shares one prompt between calls that need it at the same time (export loads two at once). */
export function sharedPrompt(open: () => Promise<boolean>): AskPassword {
  let pending: Promise<boolean> | null = null;
  return () => {
    pending ??= open().finally(() => {
      pending = null;
    });
    return pending;
  };
}
