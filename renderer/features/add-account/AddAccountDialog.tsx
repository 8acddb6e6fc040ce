import { useState } from 'react';
import type { AccountView, ImportSummary } from '../../../shared/api/types';
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

  const imported = (summary: ImportSummary) => {
    toast.show(importedMessage(summary), 'success');
    onClose();
  };

  const added = (account: AccountView) => {
    toast.show(`Added ${accountName(account)}`, 'success');
    onClose();
  };

  return (
    <Dialog title="Add account" onClose={onClose} size={tab === 'qr' || tab === 'file' ? 'lg' : 'md'} testId="add-dialog" closeOnBackdrop={false}>
      <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="How to add the account">
        {/* All stay mounted, so switching tabs keeps what was typed, read or scanned. */}
        <div hidden={tab !== 'uri'}>
          <UriImportTab key={uriText} initialText={uriText} onImported={imported} onCancel={onClose} />
        </div>
        <div hidden={tab !== 'file'}>
          <FileImportTab active={tab === 'file'} onImported={imported} onCancel={onClose} />
        </div>
        <div hidden={tab !== 'qr'}>
          <QrImportTab active={tab === 'qr'} onImported={imported} onCancel={onClose} />
        </div>
        <div hidden={tab !== 'manual'}>
          <ManualEntryTab
            onAdded={added}
            onCancel={onClose}
            onUriPasted={(uri) => {
              setUriText(uri);
              setTab('uri');
            }}
          />
        </div>
      </Tabs>
    </Dialog>
  );
}
