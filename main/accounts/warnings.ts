// Non-fatal problems worth showing the user (app.status().warnings), collected from several services.
export class Warnings {
  private readonly items: string[] = [];
  /** Warnings about a condition that can go away again (a keychain item that comes back), by key. */
  private readonly conditions = new Map<string, string>();

  add(warning: string): void {
    // The same problem found on every poll is one warning, not one per second.
    if (!this.items.includes(warning)) this.items.push(warning);
  }

  /** Sets (or with null clears) the warning for a condition, e.g. `missing-secret:<id>`. */
  set(key: string, warning: string | null): void {
    if (warning === null) this.conditions.delete(key);
    else this.conditions.set(key, warning);
  }

  list(): string[] {
    return [...this.items, ...this.conditions.values()];
  }
}
