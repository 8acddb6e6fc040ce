// Errors of a router config file, each with the JSON path it is about ("workers[0].transports[1].endpoint.port"),
// so a user can find the line in a Crossbar-sized config without guessing.
export type JsonPath = (string | number)[];

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === '' ? '(top level)' : out;
}

export interface ConfigIssue {
  path: string;
  message: string;
}

export class RouterConfigError extends Error {
  constructor(
    readonly issues: ConfigIssue[],
    /** The file the config came from, if any (for the message). */
    readonly source?: string,
  ) {
    super(
      `${source ? `${source}: ` : ''}invalid router config${issues.length > 1 ? ` (${issues.length} problems)` : ''}:\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'RouterConfigError';
  }
}

/** Collects problems and warnings while walking a config. */
export class IssueCollector {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  error(path: JsonPath, message: string): void {
    // Enough to fix a file in one go, not a wall of text for a config that is wrong from the top.
    if (this.errors.length < 50) this.errors.push({ path: formatPath(path), message });
  }

  warn(path: JsonPath, message: string): void {
    this.warnings.push(`${formatPath(path)}: ${message}`);
  }
}
