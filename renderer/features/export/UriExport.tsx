import { Button } from '../../components/Button';
import { useClipboardCopy } from '../codes/useClipboardCopy';
import { downloadText } from './download';
import { exportFileName } from './exclusions';

export function UriExport({ uris }: { uris: string[] }) {
  const { copyText } = useClipboardCopy();
  const text = uris.join('\n') + (uris.length > 0 ? '\n' : '');
  return (
    <div className="export-section">
      <p className="export-intro">
        One <code>otpauth://</code> link per line — importable by most authenticators and password managers, and by{' '}
        <code>authbahn accounts import FILE</code>.
      </p>
      <textarea
        className="mono export-uris"
        readOnly
        rows={Math.min(12, Math.max(4, uris.length + 1))}
        value={text}
        aria-label="Exported otpauth URIs"
        data-testid="export-uris"
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="export-actions">
        <Button icon="copy" testId="export-copy" disabled={uris.length === 0} onClick={() => void copyText(text, 'All URIs copied')}>
          Copy all
        </Button>
        <Button icon="download" testId="export-download" disabled={uris.length === 0} onClick={() => downloadText(text, exportFileName(new Date()))}>
          Download .txt
        </Button>
      </div>
    </div>
  );
}
