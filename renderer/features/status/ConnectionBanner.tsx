// Web mode: the state of the WebSocket to `authbahn serve`, above the page. While it is not 'ready' the
// codes are hidden (AuthenticatorScreen), so nothing stale looks live; this banner says why and what to do.
import { RESTARTED_MESSAGE, type ConnectionState } from '../../bridge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { NewLinkSteps } from './NewLinkSteps';

export function ConnectionBanner({ state, host }: { state: ConnectionState; host?: string | undefined }) {
  switch (state) {
    case 'reconnecting':
      return (
        <Banner kind="warning" testId="connection-banner">
          Lost the connection to the Authbahn server — reconnecting… Codes are hidden until it is back.
        </Banner>
      );
    case 'offline':
      return (
        <Banner kind="error" title={`Authbahn is not answering${host ? ` at ${host}` : ''}`} testId="connection-banner">
          <p>
            <code>authbahn serve</code> was stopped or restarted. Codes are hidden because they cannot be updated. This tab
            keeps trying this address, in case the server comes back.
          </p>
          <NewLinkSteps situation="stopped" />
        </Banner>
      );
    case 'unauthorized':
      return (
        <Banner kind="error" title="Authbahn was restarted — this tab needs the new link" testId="connection-banner">
          <p>
            This tab signed in to an earlier run of <code>authbahn serve</code>; each run has its own one-use link. Codes are
            hidden until this tab is signed in again.
          </p>
          <NewLinkSteps situation="restarted" />
        </Banner>
      );
    case 'restarted':
      return (
        <Banner kind="error" title="Authbahn was restarted" testId="connection-banner">
          <p>{RESTARTED_MESSAGE}</p>
          <Button variant="primary" testId="connection-reload" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Banner>
      );
    case 'closed':
      return (
        <Banner kind="error" testId="connection-banner">
          Disconnected from the Authbahn server. Restart <code>authbahn serve</code> and open the link it prints.
        </Banner>
      );
    default:
      return null;
  }
}
