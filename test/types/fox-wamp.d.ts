// The part of fox-wamp (a third-party WAMP router, test-only devDependency) the interop tests use.
declare module 'fox-wamp' {
  import type { Server } from 'ws';

  type Done<T> = (error: unknown, value?: T) => void;
  interface AuthHandler {
    getAuthMethods(): string[];
    [handler: `${string}_extra`]: ((realm: string, details: Record<string, unknown>, done: Done<Record<string, unknown>>) => void) | undefined;
    [handler: `${string}_auth`]: (realm: string, details: Record<string, unknown>, signature: string, extra: unknown, done: Done<Record<string, unknown>>) => void;
  }

  class FoxRouter {
    listenWAMP(options: { port: number; host?: string }, auth?: AuthHandler): Server;
  }
  export default FoxRouter;
}
