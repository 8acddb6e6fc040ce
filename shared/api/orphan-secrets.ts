// The status warning about keychain secrets without an account: built by the services (and printed by
// the CLI), recognised by the UI, which shows its own banner with a Restore button in its place.
export function orphanSecretsWarning(count: number): string {
  return (
    `${count} keychain ${count === 1 ? 'secret has' : 'secrets have'} no account (an add or remove was interrupted, or accounts.json was damaged). ` +
    'Restore them in the account list, or with `authbahn accounts recover`.'
  );
}

export function isOrphanSecretsWarning(text: string): boolean {
  const count = /^(\d+) keychain secret/.exec(text)?.[1];
  return count !== undefined && text === orphanSecretsWarning(Number(count));
}
