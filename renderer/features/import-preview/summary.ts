// The toast after an import: what was added, what replaced an existing secret, what was already there.
import type { ImportSummary } from '../../../shared/api/types';
import { accountName } from '../accounts/names';

export function importedMessage(summary: ImportSummary): string {
  const added = summary.added.length;
  const replaced = summary.replaced?.length ?? 0;
  const parts: string[] = [];
  if (added === 1 && replaced === 0) parts.push(`Added ${accountName(summary.added[0]!)}`);
  else if (added > 0) parts.push(`Imported ${added} account${added === 1 ? '' : 's'}`);
  if (replaced === 1) parts.push(`${added > 0 ? 'replaced' : 'Replaced'} the secret of ${accountName(summary.replaced![0]!)}`);
  else if (replaced > 1) parts.push(`${added > 0 ? 'replaced' : 'Replaced'} ${replaced} secrets`);
  const text = parts.join(', ') || 'Nothing was imported';
  return summary.duplicates.length > 0 ? `${text} (${summary.duplicates.length} already in your list)` : text;
}

/** True when the commit changed something (otherwise the dialog stays open and says why). */
export function changedAnything(summary: ImportSummary): boolean {
  return summary.added.length > 0 || (summary.replaced?.length ?? 0) > 0;
}

/** The import button of every import tab: always says how many accounts it will import. */
export function importButtonLabel(count: number, importing: boolean): string {
  if (importing) return 'Importing…';
  // Nothing picked (or, in "Paste URI", nothing read yet): the button names the action only.
  if (count === 0) return 'Import';
  return `Import ${count} account${count === 1 ? '' : 's'}`;
}
