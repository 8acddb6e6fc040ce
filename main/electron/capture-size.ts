// Size to ask desktopCapturer for. Its thumbnails are scaled to fit the requested box, so asking for
// the logical (DIP) size would hand a HiDPI screen over at half or a third of its pixels, and small
// on-screen QR codes would lose the detail the scanner needs. The box is the largest physical size
// (DIP size × scaleFactor) over all displays; every screen then comes back at its native resolution.
// Kept apart from the Electron adapter so it can be tested without Electron.

export interface DisplayLike {
  size: { width: number; height: number };
  scaleFactor: number;
}

/** Physical-pixel box that holds every display; falls back to 1920×1080 when none is reported. */
export function captureThumbnailSize(displays: readonly DisplayLike[]): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const d of displays) {
    const scale = Number.isFinite(d.scaleFactor) && d.scaleFactor > 0 ? d.scaleFactor : 1;
    width = Math.max(width, Math.round(d.size.width * scale));
    height = Math.max(height, Math.round(d.size.height * scale));
  }
  return width > 0 && height > 0 ? { width, height } : { width: 1920, height: 1080 };
}
