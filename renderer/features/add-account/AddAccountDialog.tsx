// Add account: four ways in, one tab each. Closing it (Esc, ×, Cancel) while a tab holds typed input or
// a preview of read files or scanned images asks first, as Edit account and the Tester do: a stray Esc
// must not throw away a pasted list or a scan.
import { useMemo, useState } from 'react';
import type { AccountView, ImportSummary } from '../../../shared/api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { Tabs } from '../../components/Tabs';
import { useToast } from '../../components/Toast';
import { accountName } from '../accounts/names';
import { FileImportTab } from '../import-preview/FileImportTab';
import { importedMessage } from '../import-preview/summary';
import { QrImportTab } from '../qr-import/QrImportTab';
import { ManualEntryTab } from './ManualEntryTab';
import type { AddMethod } from './add-methods';
import { UriImportTab } from './UriImportTab';

type AddTab = AddMethod;

const TABS = [
  { key: 'uri', label: 'Paste URI', testId: 'add-tab-uri' },
  { key: 'file', label: 'Import file', testId: 'add-tab-file' },
  { key: 'qr', label: 'Scan QR image', testId: 'add-tab-qr' },
  { key: 'manual', label: 'Enter manually', testId: 'add-tab-manual' },
] as const;

/** `method`: the tab to open on (the empty state links straight to each way of adding). */
export function AddAccountDialog({ onClose, method = 'uri' }: { onClose: () => void; method?: AddMethod }) {
  const toast = useToast();
  const [tab, setTab] = useState<AddTab>(method);
  const [uriText, setUriText] = useState('');
  // The tabs holding something to lose; each tab reports its own (useReportDirty).
  const [dirtyTabs, setDirtyTabs] = useState<ReadonlySet<AddTab>>(() => new Set());
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const reportDirty = useMemo(() => {
    const reporter = (key: AddTab) => (dirty: boolean) =>
      setDirtyTabs((previous) => {
        if (previous.has(key) === dirty) return previous;
        const next = new Set(previous);
        if (dirty) next.add(key);
        else next.delete(key);
        return next;
      });
    return { uri: reporter('uri'), file: reporter('file'), qr: reporter('qr'), manual: reporter('manual') } satisfies Record<AddTab, unknown>;
  }, []);
  const requestClose = () => {
    if (dirtyTabs.size > 0) setConfirmDiscard(true);
    else onClose();
  };

  const imported = (summary: ImportSummary) => {
    toast.show(importedMessage(summary), 'success');
    onClose();
  };

  const added = (account: AccountView) => {
    toast.show(`Added ${accountName(account)}`, 'success');
    onClose();
  };

  return (
    <Dialog title="Add account" onClose={requestClose} size={tab === 'qr' || tab === 'file' ? 'lg' : 'md'} testId="add-dialog" closeOnBackdrop={false}>
      <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="How to add the account">
        {/* All stay mounted, so switching tabs keeps what was typed, read or scanned. */}
        <div hidden={tab !== 'uri'}>
          <UriImportTab key={uriText} initialText={uriText} onImported={imported} onCancel={requestClose} onDirtyChange={reportDirty.uri} />
        </div>
        <div hidden={tab !== 'file'}>
          <FileImportTab active={tab === 'file'} onImported={imported} onCancel={requestClose} onDirtyChange={reportDirty.file} />
        </div>
        <div hidden={tab !== 'qr'}>
          <QrImportTab active={tab === 'qr'} onImported={imported} onCancel={requestClose} onDirtyChange={reportDirty.qr} />
        </div>
        <div hidden={tab !== 'manual'}>
          <ManualEntryTab
            onAdded={added}
            onCancel={requestClose}
            onDirtyChange={reportDirty.manual}
            onUriPasted={(uri) => {
              setUriText(uri);
              setTab('uri');
            }}
          />
        </div>
      </Tabs>
      {confirmDiscard && (
        <ConfirmDialog
          title="Discard what you entered?"
          message={<p>The accounts typed, pasted, read or scanned here are not added yet. Close and discard them?</p>}
          confirmLabel="Discard"
          confirmTestId="confirm-discard-changes"
          onConfirm={async () => {
            onClose();
            return null;
          }}
          onClose={() => setConfirmDiscard(false)}
        />
      )}
    </Dialog>
  );
}
