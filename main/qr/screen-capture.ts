// The seam between the QR import and whatever can photograph the screen. Only the desktop app has
// such a thing (Electron's desktopCapturer, adapted in main/electron/screen-capture.ts); the CLI and
// web mode pass none, and the import service then answers UNSUPPORTED.

export interface CapturedScreen {
  /** Shown as the source of the codes found, e.g. "Screen 1" or the display's name. */
  name: string;
  /** The screen as an encoded image (PNG), at the display's physical resolution. */
  image: Uint8Array;
}

export interface ScreenCapturePort {
  /** One image per display. Rejects with an AppError when capturing is refused (e.g. macOS privacy settings). */
  captureScreens(): Promise<CapturedScreen[]>;
}
