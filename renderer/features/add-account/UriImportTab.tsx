// "Paste URI" tab: any number of otpauth:// and otpauth-migration:// lines (our own URI export, a
// password manager's list, Google Authenticator's "Transfer accounts" links), or the text of an export
// file. Main reads it into the same import preview as files and QR images (every line, nothing dropped
// silently), and the ticked accounts are imported in one go.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ImportPreview } from '../../../shared/api/import-contract';
import type { ImportSummary } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { DialogBody, DialogFooter } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ImportPreviewList } from '../import-preview/ImportPreviewList';
import { importButtonLabel } from '../import-preview/summary';
import { useImportCommit } from '../import-preview/useImportCommit';
import { useImportPreview } from '../import-preview/useImportPreview';
import { useImportSelection } from '../import-preview/useImportSelection';
import { useReportDirty } from '../../components/useReportDirty';

export interface UriImportTabProps {
  initialText: string;
  onImported: (summary: ImportSummary) => void;
  onCancel: () => void;
  /** Whether there is typed text to lose (see useReportDirty). */
  onDirtyChange?: (dirty: boolean) => void;
}

/** Typing pauses this long before main reads the text again. */
const PREVIEW_DELAY_MS = 250;

export function UriImportTab({ initialText, onImported, onCancel, onDirtyChange }: UriImportTabProps) {
  const input = useImportPreview();
  const selection = useImportSelection(input.preview);
  const { importing, error: importError, setError: setImportError, commit } = useImportCommit(onImported, input.reset);
  const [text, setText] = useState(initialText);
  // The preview request for the text as it is now, so a submit right after typing waits for it.
  const pending = useRef<{ text: string; result: Promise<ImportPreview | null> } | null>(null);
  const { setText: previewText } = input;
  useReportDirty(text.trim() !== '', onDirtyChange);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (pending.current?.text !== text) pending.current = { text, result: previewText(text) };
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, previewText]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (importing || text.trim() === '') return;
    if (pending.current?.text !== text) pending.current = { text, result: previewText(text) };
    const fresh = await pending.current.result;
    if (!fresh) return;
    // A preview just made (no time to tick anything yet) gets the default ticks.
    const picks = fresh === input.preview ? selection.picks : selection.defaultPicks(fresh);
    await commit(
      fresh.previewId,
      picks,
      fresh.accounts.filter((a) => a.duplicateOf !== undefined),
    );
    // Committed or failed, that preview is spent (a failed commit keeps it in main, but a retry reads
    // the text again, which also picks up whatever changed in the list meanwhile).
    pending.current = null;
  };

  const count = selection.picks.length;
  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <DialogBody>
        <Field
          label="otpauth:// or otpauth-migration:// links, one per line"
          hint="From a QR code scanner, a password manager, Authbahn’s own URI export, or Google Authenticator’s “Transfer accounts”."
        >
          <textarea
            className="mono uri-input"
            rows={4}
            value={text}
            data-testid="add-uri-input"
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            placeholder="otpauth://totp/GitHub:alice?secret=…&issuer=GitHub"
            onChange={(e) => {
              setText(e.target.value);
              setImportError(null);
            }}
            onKeyDown={(e) => {
              // Ctrl/⌘+Enter submits from the multi-line box.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </Field>
        <ImportPreviewList
          preview={input.preview}
          problems={input.problems}
          selected={selection.selected}
          actions={selection.actions}
          onToggle={selection.toggle}
          onSetAll={selection.setAll}
          onAction={selection.setAction}
          testPrefix="uri"
        />
        {(input.error ?? importError) && (
          <p className="form-error" role="alert" data-testid="add-error">
            {input.error ?? importError}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={text.trim() === ''} aria-busy={importing} testId="add-uri-submit">
          {importButtonLabel(count, importing)}
        </Button>
      </DialogFooter>
    </form>
  );
}
