// The one way UI code reaches the backend: the typed Api object from renderer/bridge,
// handed down through context so components never import the bridge themselves.
import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../../shared/api/contract';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
