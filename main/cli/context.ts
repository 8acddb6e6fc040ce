// What every CLI command gets: explicit streams and environment, so commands are testable in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process should shut down (SIGINT/SIGTERM); used by long-running commands like `serve`. */
  untilSignal: () => Promise<void>;
}

/** Exit codes shared by all commands. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
