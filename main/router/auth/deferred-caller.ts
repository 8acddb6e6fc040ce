// The router needs its authenticators at construction, and dynamic authenticators need the router
// (to call the authenticator procedure). This caller breaks the cycle: build the auth side with it,
// construct the router, then bind() the router's caller.
import type { RouterCaller } from './types';

export class DeferredCaller implements RouterCaller {
  private target: RouterCaller | undefined;

  bind(target: RouterCaller): void {
    this.target = target;
  }

  call(realm: string, procedure: string, args: unknown[], kwargs?: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    if (!this.target) return Promise.reject(new Error('the router is not running yet'));
    return this.target.call(realm, procedure, args, kwargs, timeoutMs);
  }
}
