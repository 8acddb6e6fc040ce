// Root component: provides the backend API and the toast service to the authenticator screen.
import type { Api } from '../shared/api/contract';
import { ToastProvider } from './components/Toast';
import { ApiProvider } from './features/api/ApiContext';
import { AuthenticatorScreen } from './features/shell/AuthenticatorScreen';

export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <ToastProvider>
        <AuthenticatorScreen />
      </ToastProvider>
    </ApiProvider>
  );
}
