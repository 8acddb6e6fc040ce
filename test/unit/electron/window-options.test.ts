import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../main/electron/window-options';

describe('buildWindowOptions', () => {
  const options = buildWindowOptions({ preloadPath: '/app/dist/main/electron/preload.cjs' });
  const prefs = options.webPreferences!;

  it('isolates the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });

  it('uses the built CommonJS preload and shows the window only when ready', () => {
    expect(prefs.preload).toBe('/app/dist/main/electron/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.icon).toBeUndefined();
    expect(buildWindowOptions({ preloadPath: '/p.cjs', iconPath: '/i.png' }).icon).toBe('/i.png');
  });
});
