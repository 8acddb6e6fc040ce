import { useState } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Dialog, DialogBody, DialogFooter } from '../../components/Dialog';
import { Tabs } from '../../components/Tabs';
import { AegisExport } from './AegisExport';
import { MigrationExport } from './MigrationExport';
import { UriExport } from './UriExport';
import { useExportData } from './useExportData';

type ExportTab = 'uris' | 'migration' | 'aegis';
const TABS = [
  { key: 'uris', label: 'otpauth URIs', testId: 'export-tab-uris' },
  { key: 'migration', label: 'Google Authenticator', testId: 'export-tab-migration' },
  { key: 'aegis', label: 'Aegis backup', testId: 'export-tab-aegis' },
] as const;

export function ExportDialog({ accounts, onClose }: { accounts: AccountView[]; onClose: () => void }) {
  const { uris, migration, error } = useExportData();
  const [tab, setTab] = useState<ExportTab>('uris');

  return (
    <Dialog title="Export accounts" onClose={onClose} size="lg" testId="export-dialog">
      <DialogBody>
        <Banner kind="warning">
          These contain every secret. Anyone who gets them can generate your codes — keep them off shared screens and
          delete the file after use.
        </Banner>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="Export format">
          {tab === 'aegis' ? (
            <AegisExport />
          ) : tab === 'uris' ? (
            uris && <UriExport uris={uris} />
          ) : (
            migration && <MigrationExport qrs={migration} accounts={accounts} />
          )}
          {((tab === 'uris' && !uris) || (tab === 'migration' && !migration)) && !error && <p className="loading-line">Loading…</p>}
        </Tabs>
      </DialogBody>
      <DialogFooter>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
