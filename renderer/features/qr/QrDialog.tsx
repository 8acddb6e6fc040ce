import { useMemo, useState } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Dialog, DialogBody, DialogFooter } from '../../components/Dialog';
import { accountName } from '../accounts/names';
import { useClipboardCopy } from '../codes/useClipboardCopy';
import { svgDataUrl } from './svg-url';
import { useAccountQr } from './useAccountQr';

export function QrDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { qr, error } = useAccountQr(account.id);
  const { copyText } = useClipboardCopy();
  const [revealed, setRevealed] = useState(false);
  const src = useMemo(() => (qr ? svgDataUrl(qr.svg) : null), [qr]);
  const name = accountName(account);

  return (
    <Dialog title="QR code" description={name} onClose={onClose} size="sm" testId="qr-dialog">
      <DialogBody className="qr-body">
        <Banner kind="warning">Anyone who sees or photographs this code can copy the account to another device.</Banner>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="qr-frame">
          {src ? (
            <img src={src} alt={`QR code for ${name}`} className="qr-image" data-testid="qr-image" />
          ) : (
            // A plain div may not carry aria-label (axe aria-prohibited-attr); a status with text says it.
            !error && (
              <div className="qr-loading" role="status" data-testid="qr-loading">
                <span className="visually-hidden">Loading QR code…</span>
              </div>
            )
          )}
        </div>
        {qr && revealed && (
          <pre className="uri-reveal mono" data-testid="qr-uri">
            {qr.uri}
          </pre>
        )}
      </DialogBody>
      <DialogFooter
        start={
          <Button
            variant="ghost"
            icon={revealed ? 'eyeOff' : 'eye'}
            aria-expanded={revealed}
            disabled={!qr}
            testId="qr-reveal"
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? 'Hide URI' : 'Reveal URI'}
          </Button>
        }
      >
        {qr && revealed && (
          <Button icon="copy" testId="qr-copy-uri" onClick={() => void copyText(qr.uri, 'URI copied')}>
            Copy URI
          </Button>
        )}
        <Button variant="primary" onClick={onClose} data-autofocus>
          Done
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
