// Command-line options of the desktop app. Chromium and Electron add their own switches to argv,
// so unknown arguments are ignored instead of rejected.
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('--') && next !== '' ? next : undefined;
    }
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
  }
  return undefined;
}
