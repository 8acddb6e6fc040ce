// What a QR scan yields, shared by the scanner (main), the classifier (shared) and later the UI.

/** Axis-aligned bounding box in image pixels (origin top-left). */
export interface QrPosition {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type QrEngine = 'zxing' | 'jsqr';

export interface QrCodeFound {
  /** Decoded text (UTF-8 / ECI-aware as the engine reports it). */
  text: string;
  /** Raw payload bytes when the engine reports them (zxing does; jsqr does too). */
  bytes?: Uint8Array;
  position: QrPosition;
  /** Which engine read it: useful in bug reports about codes that only one engine reads. */
  engine: QrEngine;
}
