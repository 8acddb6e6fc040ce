// Root component: provides the backend API and the toast service, and shows the section named in the
// URL fragment (see features/shell/sections.ts).
import type { ReactNode } from 'react';
import type { Api } from '../shared/api/contract';
import { ToastProvider } from './components/Toast';
import { ApiProvider } from './features/api/ApiContext';
import { RouterScreen } from './features/router/RouterScreen';
import { AuthenticatorScreen } from './features/shell/AuthenticatorScreen';
import type { SectionKey } from './features/shell/sections';
import { useSection } from './features/shell/useSection';
import { TesterScreen } from './features/tester/TesterScreen';

/** One screen per section; each renders its own header starting with <SectionNav />. */
const SCREENS: Record<SectionKey, () => ReactNode> = {
  authenticator: () => <AuthenticatorScreen />,
  router: () => <RouterScreen />,
  tester: () => <TesterScreen />,
};

function CurrentScreen() {
  const section = useSection();
  return <>{SCREENS[section]()}</>;
}

export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <ToastProvider>
        <CurrentScreen />
      </ToastProvider>
    </ApiProvider>
  );
}
