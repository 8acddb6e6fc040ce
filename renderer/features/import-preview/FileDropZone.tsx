// Where export files come in: drop them or pick them. Any file: export files of other authenticators
// (Aegis, 2FAS, andOTP, Bitwarden, …, our own backups) are read by format in main; images are scanned
// for QR codes into the same preview.
import { useRef } from 'react';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { Icon } from '../../components/Icon';
import { useFileDrop } from '../../components/useFileDrop';
import { MAX_FILE_MB } from './file-kind';

export interface FileDropZoneProps {
  onFiles: (files: File[]) => void;
  busy: boolean;
}

export function FileDropZone({ onFiles, busy }: FileDropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const { over, handlers } = useFileDrop(onFiles);

  return (
    <div
      className={cx('qr-drop', over && 'qr-drop-over')}
      data-testid="file-drop-zone"
      {...handlers}
    >
      <Icon name="download" size={28} />
      <p className="qr-drop-title">Drop an export or backup file here</p>
      <p className="qr-drop-hint">
        Aegis, 2FAS, andOTP, Bitwarden, Ente Auth, FreeOTP, Stratum, Proton, Authy, Google and Microsoft Authenticator, Steam and more — the
        format is recognised from the content; encrypted files ask for their password
      </p>
      <div className="qr-drop-actions">
        <Button icon="plus" onClick={() => input.current?.click()} disabled={busy} testId="file-choose">
          Choose files…
        </Button>
      </div>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        tabIndex={-1}
        aria-label="Export or backup files"
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // picking the same file again must fire again
          if (files.length > 0) onFiles(files);
        }}
      />
      <p className="qr-drop-limits">Up to {MAX_FILE_MB} MiB each · nothing is stored until you press Import</p>
    </div>
  );
}
