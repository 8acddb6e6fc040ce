// Minimal typings for AutobahnJS 22 (no @types package in the project), covering what the tests use.
declare module 'autobahn' {
  namespace autobahn {
    type Args = unknown[];
    type Kwargs = Record<string, unknown>;

    class Result {
      constructor(args?: Args, kwargs?: Kwargs);
      args: Args;
      kwargs: Kwargs;
    }

    class Error {
      constructor(error: string, args?: Args, kwargs?: Kwargs);
      error: string;
      args: Args;
      kwargs: Kwargs;
    }

    interface EventDetails {
      publication: number;
      publisher?: number;
      publisher_authid?: string;
      publisher_authrole?: string;
      topic?: string;
    }

    interface InvocationDetails {
      caller?: number;
      caller_authid?: string;
      caller_authrole?: string;
      procedure?: string;
      progress?: ((args?: Args, kwargs?: Kwargs) => void) | null;
    }

    interface Subscription {
      id: number;
      topic: string;
      active: boolean;
    }

    interface Registration {
      id: number;
      procedure: string;
      active: boolean;
    }

    interface Publication {
      id: number;
    }

    interface CallOptions {
      receive_progress?: boolean;
      timeout?: number;
      disclose_me?: boolean;
      [key: string]: unknown;
    }

    interface PublishOptions {
      acknowledge?: boolean;
      exclude_me?: boolean;
      disclose_me?: boolean;
      exclude?: number[];
      eligible?: number[];
      [key: string]: unknown;
    }

    interface Session {
      id: number;
      realm: string;
      isOpen: boolean;
      features: unknown;
      call<T = unknown>(procedure: string, args?: Args, kwargs?: Kwargs, options?: CallOptions): Promise<T> & { cancel(options?: { mode?: 'skip' | 'kill' | 'killnowait' }): void };
      register(
        procedure: string,
        endpoint: (args: Args, kwargs: Kwargs, details: InvocationDetails) => unknown,
        options?: { match?: string; invoke?: string; [key: string]: unknown },
      ): Promise<Registration>;
      unregister(registration: Registration): Promise<void>;
      subscribe(topic: string, handler: (args: Args, kwargs: Kwargs, details: EventDetails) => void, options?: { match?: string; [key: string]: unknown }): Promise<Subscription>;
      unsubscribe(subscription: Subscription): Promise<void>;
      publish(topic: string, args?: Args, kwargs?: Kwargs, options?: PublishOptions): Promise<Publication> | undefined;
      leave(reason?: string, message?: string): void;
    }

    interface IConnectionOptions {
      url: string;
      realm: string;
      serializers?: unknown[];
      protocols?: string[];
      max_retries?: number;
      retry_if_unreachable?: boolean;
      /** Native Promises instead of when.js deferreds. */
      use_es6_promises?: boolean;
      authmethods?: string[];
      authid?: string;
      onchallenge?: (session: Session, method: string, extra: Record<string, unknown>) => string | Promise<string>;
      [key: string]: unknown;
    }

    class Connection {
      constructor(options: IConnectionOptions);
      onopen: (session: Session, details: Record<string, unknown>) => void;
      onclose: (reason: string, details: Record<string, unknown>) => boolean;
      open(): void;
      close(reason?: string, message?: string): void;
      readonly isOpen: boolean;
      readonly session: Session | null;
    }

    const serializer: {
      JSONSerializer: new () => unknown;
      MsgpackSerializer: new () => unknown;
      CBORSerializer: new () => unknown;
    };
    const auth_cra: {
      derive_key(secret: string, salt: string, iterations?: number, keylen?: number): string;
      sign(key: string, challenge: string): string;
    };
  }
  const autobahn: {
    Connection: typeof autobahn.Connection;
    Result: typeof autobahn.Result;
    Error: typeof autobahn.Error;
    serializer: typeof autobahn.serializer;
    auth_cra: typeof autobahn.auth_cra;
  };
  export default autobahn;
}
