// Electron adapter of the QR import's ScreenCapturePort: desktopCapturer in the main process, so the
// renderer needs no media permissions and never sees the screenshot itself.
import { desktopCapturer, screen, type DesktopCapturerSource } from 'electron';
import { AppError } from '../../shared/api/errors';
import type { CapturedScreen, ScreenCapturePort } from '../qr/screen-capture';
import { captureThumbnailSize } from './capture-size';
import { withWindowsHidden, type HideableWindow } from './hide-during-capture';

const PERMISSION_HINT =
  process.platform === 'darwin'
    ? ' Allow Authbahn under System Settings → Privacy & Security → Screen Recording, then restart it.'
    : '';

/** `windows`: the app's windows, hidden while the screen is captured so they do not cover the code. */
export function createElectronScreenCapture(windows: () => readonly HideableWindow[]): ScreenCapturePort {
  return {
    async captureScreens(): Promise<CapturedScreen[]> {
      const thumbnailSize = captureThumbnailSize(screen.getAllDisplays());
      let sources: DesktopCapturerSource[];
      try {
        sources = await withWindowsHidden(windows(), () => desktopCapturer.getSources({ types: ['screen'], thumbnailSize }));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new AppError('UNSUPPORTED', `The screen could not be captured (${why}).${PERMISSION_HINT}`);
      }
      // macOS without the permission returns sources whose thumbnails are empty (or show only the
      // wallpaper): say so rather than reporting "no QR code found".
      const shots = sources
        .filter((s) => !s.thumbnail.isEmpty())
        .map((s, i) => ({ name: sources.length > 1 ? s.name || `Screen ${i + 1}` : 'Screen capture', image: new Uint8Array(s.thumbnail.toPNG()) }));
      if (shots.length === 0) throw new AppError('UNSUPPORTED', `The screen capture came back empty.${PERMISSION_HINT}`);
      return shots;
    },
  };
}
