// Root component: provides the backend API, the toast service and the settings/lock state, and shows
// the section named in the URL fragment (see features/shell/sections.ts) — or only the unlock screen.
import { lazy, Suspense, type ReactNode } from 'react';
import type { Api } from '../shared/api/contract';
import { ToastProvider } from './components/Toast';
import { ApiProvider } from './features/api/ApiContext';
import { LockGate } from './features/lock/LockGate';
import { ReauthProvider } from './features/lock/ReauthProvider';
import { AppStateProvider } from './features/settings/AppStateContext';
import { AuthenticatorScreen } from './features/shell/AuthenticatorScreen';
import type { SectionKey } from './features/shell/sections';
import { useSection } from './features/shell/useSection';

// The Router and Tester sections load on first visit: most launches only show codes, and their code
// (editors, trace views, the contract's schemas) would otherwise be parsed before the first code shows.
const RouterScreen = lazy(() => import('./features/router/RouterScreen').then((m) => ({ default: m.RouterScreen })));
const TesterScreen = lazy(() => import('./features/tester/TesterScreen').then((m) => ({ default: m.TesterScreen })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

/** One screen per section; each renders its own header starting with <SectionNav />. */
const SCREENS: Record<SectionKey, () => ReactNode> = {
  authenticator: () => <AuthenticatorScreen />,
  router: () => <RouterScreen />,
  tester: () => <TesterScreen />,
  settings: () => <SettingsScreen />,
};

function CurrentScreen() {
  const section = useSection();
  return <Suspense fallback={<SectionLoading />}>{SCREENS[section]()}</Suspense>;
}

/** Shown for the few milliseconds a lazily loaded section takes to arrive. */
function SectionLoading() {
  return (
    <p className="loading-line" role="status">
      Loading…
    </p>
  );
}

export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <ToastProvider>
        <AppStateProvider>
          <LockGate>
            <ReauthProvider>
              <CurrentScreen />
            </ReauthProvider>
          </LockGate>
        </AppStateProvider>
      </ToastProvider>
    </ApiProvider>
  );
}
