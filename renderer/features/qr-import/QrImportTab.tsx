// "Scan QR image" tab of the Add account dialog: images in, a preview of every account found, the
// ticked ones imported in one go. Secrets stay in main the whole time; this tab sees names only.
import { useEffect, type FormEvent } from 'react';
import type { ImportSummary } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { DialogBody, DialogFooter } from '../../components/Dialog';
import { useReportDirty } from '../../components/useReportDirty';
import { ImportPreviewList } from '../import-preview/ImportPreviewList';
import { importButtonLabel } from '../import-preview/summary';
import { useImportCommit } from '../import-preview/useImportCommit';
import { useImportPreview } from '../import-preview/useImportPreview';
import { useImportSelection } from '../import-preview/useImportSelection';
import { pastedImages } from './image-bytes';
import { QrDropZone } from './QrDropZone';
import { useScreenCaptureAvailable } from './useScreenCapture';

export interface QrImportTabProps {
  /** Whether the tab is showing: only then does a paste in the dialog mean "scan this". */
  active: boolean;
  onImported: (summary: ImportSummary) => void;
  onCancel: () => void;
  /** Whether scanned accounts are shown (see useReportDirty). */
  onDirtyChange?: (dirty: boolean) => void;
}

export function QrImportTab({ active, onImported, onCancel, onDirtyChange }: QrImportTabProps) {
  const scan = useImportPreview();
  const selection = useImportSelection(scan.preview);
  const canCapture = useScreenCaptureAvailable();
  const { importing, error: importError, commit } = useImportCommit(onImported, scan.reset);
  const { scanImages } = scan;
  useReportDirty(scan.preview !== null, onDirtyChange);

  useEffect(() => {
    if (!active) return;
    const onPaste = (event: ClipboardEvent) => {
      const images = pastedImages(event.clipboardData?.items ?? []);
      if (images.length === 0) return; // text pastes go to whatever field has focus
      event.preventDefault();
      void scanImages(images);
    };
    // A file dropped next to the drop zone would otherwise make the browser open the image in place
    // of the app; anywhere in the window counts as the drop zone instead. Drops the zone itself
    // handled arrive here already default-prevented.
    const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    const onDragOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      void scanImages([...(event.dataTransfer?.files ?? [])].map((f) => ({ blob: f, name: f.name })));
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [active, scanImages]);

  const keys = selection.picks;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scan.preview || importing || scan.busy) return;
    const duplicates = scan.preview.accounts.filter((a) => a.duplicateOf !== undefined);
    await commit(scan.preview.previewId, keys, duplicates);
  };

  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <DialogBody>
        <QrDropZone onImages={(items) => void scanImages(items)} onCaptureScreen={canCapture ? () => void scan.scanScreen() : undefined} busy={scan.busy !== null} />
        {scan.busy !== null && (
          <p className="preview-note" role="status" data-testid="qr-busy">
            Scanning {scan.busy}…
          </p>
        )}
        <ImportPreviewList
          preview={scan.preview}
          problems={scan.problems}
          selected={selection.selected}
          actions={selection.actions}
          onToggle={selection.toggle}
          onSetAll={selection.setAll}
          onAction={selection.setAction}
          testPrefix="qr"
        />
        {(scan.error ?? importError) && (
          <p className="form-error" role="alert" data-testid="qr-error">
            {scan.error ?? importError}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        {scan.preview && (
          <Button onClick={scan.reset} disabled={importing} testId="qr-clear">
            Start over
          </Button>
        )}
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={keys.length === 0 || scan.busy !== null} aria-busy={importing} testId="qr-import-submit">
          {importButtonLabel(keys.length, importing)}
        </Button>
      </DialogFooter>
    </form>
  );
}
