// Where images come in: drop them, pick them, paste a screenshot (Ctrl+V anywhere in the dialog),
// or — in the desktop app — capture the screen.
import { useRef } from 'react';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { Icon } from '../../components/Icon';
import { useFileDrop } from '../../components/useFileDrop';
import { MAX_IMAGE_MB, type ImageItem } from './image-bytes';

export interface QrDropZoneProps {
  onImages: (items: ImageItem[]) => void;
  /** Present only where screen capture works (the desktop app). */
  onCaptureScreen?: (() => void) | undefined;
  busy: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function QrDropZone({ onImages, onCaptureScreen, busy }: QrDropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const { over, handlers } = useFileDrop((files) => onImages(files.map((f) => ({ blob: f, name: f.name }))));

  return (
    <div
      className={cx('qr-drop', over && 'qr-drop-over')}
      data-testid="qr-drop-zone"
      {...handlers}
    >
      <Icon name="qr" size={28} />
      <p className="qr-drop-title">Drop screenshots or images with QR codes here</p>
      <p className="qr-drop-hint">
        or paste a screenshot with {isMac ? '⌘V' : 'Ctrl+V'} · several codes per image and Google Authenticator exports work
      </p>
      <div className="qr-drop-actions">
        <Button icon="plus" onClick={() => input.current?.click()} disabled={busy} testId="qr-choose-files">
          Choose images…
        </Button>
        {onCaptureScreen && (
          <Button icon="eye" onClick={onCaptureScreen} disabled={busy} testId="qr-capture-screen">
            Capture screen
          </Button>
        )}
      </div>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        accept="image/*"
        multiple
        tabIndex={-1}
        aria-label="Image files with QR codes"
        data-testid="qr-file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // picking the same file again must fire again
          if (files.length > 0) onImages(files.map((f) => ({ blob: f, name: f.name })));
        }}
      />
      <p className="qr-drop-limits">
        PNG, JPEG, GIF, WebP, BMP, TIFF or AVIF, up to {MAX_IMAGE_MB} MB each
        {!onCaptureScreen && ' · screen capture is available in the desktop app'}
      </p>
    </div>
  );
}
