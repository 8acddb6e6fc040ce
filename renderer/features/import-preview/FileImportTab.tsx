// "Import file" tab of the Add account dialog: export files of other authenticators (or our own
// backups) in, by picker or drag-and-drop; an encrypted one asks for its password; every account
// found is previewed (duplicates marked, same-name conflicts offered as replace / keep both, tags
// shown) and the ticked ones are imported in one go. Secrets stay in main the whole time.
import { useEffect, type FormEvent } from 'react';
import type { ImportSummary } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { DialogBody, DialogFooter } from '../../components/Dialog';
import { useReportDirty } from '../../components/useReportDirty';
import { FileDropZone } from './FileDropZone';
import { FilePasswordPrompt } from './FilePasswordPrompt';
import { ImportPreviewList } from './ImportPreviewList';
import { importButtonLabel } from './summary';
import { useImportCommit } from './useImportCommit';
import { useImportPreview } from './useImportPreview';
import { useImportSelection } from './useImportSelection';

export interface FileImportTabProps {
  /** Whether the tab is showing: only then does a drop anywhere in the window mean "read this". */
  active: boolean;
  onImported: (summary: ImportSummary) => void;
  onCancel: () => void;
  /** Whether a file has been read (a preview, or a password asked for); see useReportDirty. */
  onDirtyChange?: (dirty: boolean) => void;
}

export function FileImportTab({ active, onImported, onCancel, onDirtyChange }: FileImportTabProps) {
  const input = useImportPreview();
  const selection = useImportSelection(input.preview);
  const { importing, error: importError, commit } = useImportCommit(onImported, input.reset);
  const { addFiles } = input;
  useReportDirty(input.preview !== null || input.locked !== null, onDirtyChange);

  useEffect(() => {
    if (!active) return;
    // A file dropped next to the drop zone would otherwise make the browser open it in place of the
    // app; anywhere in the window counts as the drop zone instead.
    const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    const onDragOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      void addFiles([...(event.dataTransfer?.files ?? [])]);
    };
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [active, addFiles]);

  const picks = selection.picks;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!input.preview || importing || input.busy !== null) return;
    await commit(
      input.preview.previewId,
      picks,
      input.preview.accounts.filter((a) => a.duplicateOf !== undefined),
    );
  };

  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <DialogBody>
        <FileDropZone onFiles={(files) => void addFiles(files)} busy={input.busy !== null} />
        {input.busy !== null && !input.locked && (
          <p className="preview-note" role="status" data-testid="file-busy">
            Reading {input.busy}…
          </p>
        )}
        {input.locked && (
          <FilePasswordPrompt
            key={input.locked.name}
            file={input.locked}
            busy={input.busy !== null}
            onPassword={(password) => void input.unlockFile(password)}
            onSkip={() => void input.skipLocked()}
          />
        )}
        <ImportPreviewList
          preview={input.preview}
          problems={input.problems}
          selected={selection.selected}
          actions={selection.actions}
          onToggle={selection.toggle}
          onSetAll={selection.setAll}
          onAction={selection.setAction}
          testPrefix="file"
        />
        {(input.error ?? importError) && (
          <p className="form-error" role="alert" data-testid="file-error">
            {input.error ?? importError}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        {input.preview && (
          <Button onClick={input.reset} disabled={importing} testId="file-clear">
            Start over
          </Button>
        )}
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={picks.length === 0 || input.busy !== null || input.locked !== null} aria-busy={importing} testId="file-import-submit">
          {importButtonLabel(picks.length, importing)}
        </Button>
      </DialogFooter>
    </form>
  );
}
