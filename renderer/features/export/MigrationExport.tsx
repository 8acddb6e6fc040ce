// Google Authenticator "Transfer accounts" QR codes, one page at a time ("QR 1 of 3"),
// with the accounts the format cannot carry listed explicitly.
import { useMemo, useState } from 'react';
import type { AccountView, MigrationQr } from '../../../shared/api/types';
import { Banner } from '../../components/Banner';
import { IconButton } from '../../components/Button';
import { accountName } from '../accounts/names';
import { svgDataUrl } from '../qr/svg-url';
import { accountsNotInMigration } from './exclusions';

export function MigrationExport({ qrs, accounts }: { qrs: MigrationQr[]; accounts: AccountView[] }) {
  const [page, setPage] = useState(0);
  const current = qrs[Math.min(page, qrs.length - 1)];
  const src = useMemo(() => (current ? svgDataUrl(current.svg) : null), [current]);
  const excluded = accountsNotInMigration(accounts, qrs);
  const byId = new Map(accounts.map((a) => [a.id, a]));

  return (
    <div className="export-section">
      <p className="export-intro">
        In Google Authenticator choose <em>Transfer accounts → Import accounts</em> and scan every code in turn.
      </p>
      {excluded.length > 0 && (
        <Banner kind="info" testId="export-excluded">
          Not included — Google Authenticator cannot represent {excluded.length === 1 ? 'this account' : 'these accounts'}:{' '}
          {excluded.map(accountName).join(', ')}.
        </Banner>
      )}
      {current && src ? (
        <div className="migration-pager">
          <img src={src} alt={`Migration QR code ${current.batchIndex + 1} of ${current.batchSize}`} className="qr-image" data-testid="export-migration-qr" />
          <div className="pager">
            <IconButton icon="left" label="Previous QR code" disabled={page === 0} onClick={() => setPage((p) => p - 1)} testId="export-qr-prev" />
            <span className="pager-label" data-testid="export-qr-page" aria-live="polite">
              QR {page + 1} of {qrs.length}
            </span>
            <IconButton
              icon="right"
              label="Next QR code"
              disabled={page >= qrs.length - 1}
              onClick={() => setPage((p) => p + 1)}
              testId="export-qr-next"
            />
          </div>
          <p className="migration-contents">
            {current.accountIds.map((id) => (byId.get(id) ? accountName(byId.get(id)!) : id)).join(' · ')}
          </p>
        </div>
      ) : (
        <p className="export-intro">No account can be exported in this format.</p>
      )}
    </div>
  );
}
