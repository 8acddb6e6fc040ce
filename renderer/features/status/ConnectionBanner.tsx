import { STALE_TOKEN_MESSAGE, type ConnectionState } from '../../bridge';
import { Banner } from '../../components/Banner';

export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'reconnecting') {
    return (
      <Banner kind="warning" testId="connection-banner">
        Lost the connection to the Authbahn server — reconnecting… Codes shown may be out of date.
      </Banner>
    );
  }
  if (state === 'unauthorized') {
    return (
      <Banner kind="error" testId="connection-banner">
        {STALE_TOKEN_MESSAGE}
      </Banner>
    );
  }
  if (state === 'closed') {
    return (
      <Banner kind="error" testId="connection-banner">
        Disconnected from the Authbahn server. Restart <code>authbahn serve</code> and open the link it prints.
      </Banner>
    );
  }
  return null;
}
