// Non-fatal problems worth showing the user (app.status().warnings), collected from several services.
// Some of them are data problems — a data file was repaired, entries were set aside, an older backup
// was restored — after which the CLI must not report success (it exits 1 once the command has run).
export class Warnings {
  private readonly items: string[] = [];
  private readonly dataProblems: string[] = [];
  /** Warnings about a condition that can go away again (a keychain item that comes back), by key. */
  private readonly conditions = new Map<string, string>();

  add(warning: string): void {
    // The same problem found on every poll is one warning, not one per second.
    if (!this.items.includes(warning)) this.items.push(warning);
  }

  /** A warning about data that was lost, set aside or restored from an older copy (see problems()). */
  problem(warning: string): void {
    this.add(warning);
    if (!this.dataProblems.includes(warning)) this.dataProblems.push(warning);
  }

  /** Sets (or with null clears) the warning for a condition, e.g. `missing-secret:<id>`. */
  set(key: string, warning: string | null): void {
    if (warning === null) this.conditions.delete(key);
    else this.conditions.set(key, warning);
  }

  /** Clears every condition whose key starts with `prefix` and is not in `keep`. */
  retain(prefix: string, keep: ReadonlySet<string>): void {
    for (const key of [...this.conditions.keys()]) if (key.startsWith(prefix) && !keep.has(key)) this.conditions.delete(key);
  }

  list(): string[] {
    return [...this.items, ...this.conditions.values()];
  }

  /** The data problems among the warnings. */
  problems(): string[] {
    return [...this.dataProblems];
  }
}
