// The Router section: status and start/stop, the router.json editor, live sessions and the auth log.
// The router runs in the main process (or `authbahn serve`); this screen only drives it through the API.
import { useMemo } from 'react';
import { Banner } from '../../components/Banner';
import { SectionNav } from '../shell/SectionNav';
import { SectionHeading } from '../shell/SectionHeading';
import { AuthLogTable } from './AuthLogTable';
import { CertificateCard } from './CertificateCard';
import { ConfigEditor } from './ConfigEditor';
import { firstPort, parseDoc } from './config-doc';
import { RouterStatusCard } from './RouterStatusCard';
import { SessionsTable } from './SessionsTable';
import { useAuthLog } from './useAuthLog';
import { useRouterCertificate } from './useRouterCertificate';
import { useRouterConfig } from './useRouterConfig';
import { useRouterStatus } from './useRouterStatus';
import { useSessions } from './useSessions';

const NO_SESSIONS = { sessions: [], total: 0 };

export function RouterScreen() {
  const router = useRouterStatus();
  const config = useRouterConfig();
  const sessions = useSessions();
  const authLog = useAuthLog();
  const certificate = useRouterCertificate();
  const savedText = config.config?.text;
  const configuredPort = useMemo(() => {
    const parsed = savedText === undefined ? undefined : parseDoc(savedText);
    return parsed?.ok ? firstPort(parsed.doc) : undefined;
  }, [savedText]);

  const problem = sessions.error ?? authLog.error;
  return (
    <div className="app">
      <header className="app-header">
        <SectionNav />
      </header>
      <main className="app-main router-main">
        <SectionHeading />
        {router.error && (
          <Banner kind="error" title="Router" onDismiss={router.dismissError} testId="router-error">
            <span className="router-pre">{router.error.message}</span>
          </Banner>
        )}
        {problem && <Banner kind="error">{problem.message}</Banner>}
        <RouterStatusCard
          status={router.status}
          busy={router.busy}
          configuredPort={configuredPort}
          configLoading={config.config === null && config.error === null}
          onStart={() => void router.start()}
          onStop={() => void router.stop()}
          onSetPort={config.setPort}
        />
        {/* A stopped router has no sessions, even before the (coalesced) sessions event arrives. */}
        <SessionsTable sessions={router.status?.running ? sessions.sessions : NO_SESSIONS} onKill={(id) => void sessions.kill(id)} />
        <AuthLogTable entries={authLog.entries} onClear={() => void authLog.clear()} />
        <ConfigEditor state={config} />
        <CertificateCard state={certificate} />
      </main>
    </div>
  );
}
