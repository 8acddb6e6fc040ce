// The Electron preload exposes the API here; in a browser it is absent and the web bridge is used.
import type { Api } from '../../shared/api/contract';

declare global {
  interface Window {
    api?: Api;
  }
}

export {};
