// The BrowserWindow options, as a plain object so the security-relevant settings are asserted in unit tests.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string;
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Authbahn',
    width: 1040,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#15171c',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      // The page gets window.api through contextBridge only; it has no Node, no require, no ipcRenderer.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
