// What every authentication method needs, and what it produces before the transport authenticator
// adds rate limiting and logging around it.
import type { RealmDirectory, AuthAbort } from './principal';
import type { SecretResolver } from './secret-refs';
import type { TotpReplayGuard } from './totp-verifier';
import type { HelloInfo, Identity, RouterCaller } from './types';

export interface MethodContext {
  realms: RealmDirectory;
  caller: RouterCaller;
  secrets: SecretResolver;
  totpGuard: TotpReplayGuard;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Timeout of dynamic authenticator calls. */
  dynamicTimeoutMs: number;
}

export interface PendingChallenge {
  kind: 'challenge';
  authmethod: string;
  extra: Record<string, unknown>;
  /** Checks AUTHENTICATE; called at most once. */
  verify(signature: string, extra: Record<string, unknown>): Promise<Identity | AuthAbort>;
}

export type MethodOutcome = Identity | AuthAbort | PendingChallenge;

export interface AuthMethodHandler {
  readonly authmethod: string;
  /** Password-like methods are rate limited; anonymous is not. */
  readonly credential: boolean;
  hello(info: HelloInfo, ctx: MethodContext): Promise<MethodOutcome>;
}

/** Details passed to dynamic authenticators (Crossbar's session details at HELLO). */
export function sessionDetails(info: HelloInfo, authmethod: string, transport: Record<string, unknown>): Record<string, unknown> {
  return {
    session: info.sessionId,
    transport,
    authmethod,
    authextra: info.authextra ?? null,
  };
}

export const isPendingChallenge = (outcome: MethodOutcome): outcome is PendingChallenge =>
  (outcome as { kind?: unknown }).kind === 'challenge';
