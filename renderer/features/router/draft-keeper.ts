// Unsaved router.json edits outlive the Router screen: switching to another section unmounts it, and
// losing a half-edited config (or a ticket typed into it) to a click on "Authenticator" would be rude.
// The draft is kept in this page's memory only — never in storage, since it may hold typed secrets —
// and is restored only onto the same saved text it was based on (if the file changed meanwhile, the
// draft would silently overwrite someone else's save).
export interface KeptDraft {
  /** The saved config text the draft was edited from. */
  base: string;
  text: string;
}

export class DraftKeeper {
  private kept: KeptDraft | null = null;

  keep(base: string, text: string): void {
    this.kept = text === base ? null : { base, text };
  }

  /** The kept draft if it still applies to `saved`; either way it is forgotten. */
  take(saved: string): string | null {
    const kept = this.kept;
    this.kept = null;
    return kept !== null && kept.base === saved ? kept.text : null;
  }
}

/** One per page: the Router screen mounts and unmounts, the page stays. */
export const routerDraftKeeper = new DraftKeeper();
