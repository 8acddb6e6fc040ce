// A self-signed TLS certificate for wss:// and rss:// transports, made in the data folder with one click.
// Shows its SHA-256 fingerprint (what clients pin) and the "tls" lines to put into router.json.
import { useState } from 'react';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { RouterCertificateState } from './useRouterCertificate';

export function CertificateCard({ state }: { state: RouterCertificateState }) {
  const { certificate, loaded, busy, error, make } = state;
  const [confirmReplace, setConfirmReplace] = useState(false);
  return (
    <section className="router-card" aria-labelledby="router-cert-heading" data-testid="router-certificate">
      <div className="router-card-head">
        <h2 id="router-cert-heading" className="router-card-title">
          TLS certificate
        </h2>
        {certificate ? (
          <Button size="sm" onClick={() => setConfirmReplace(true)} disabled={busy}>
            Replace certificate
          </Button>
        ) : (
          <Button size="sm" onClick={() => void make(false)} disabled={busy || !loaded} data-testid="router-make-cert">
            Make a self-signed certificate
          </Button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {certificate ? (
        <div className="router-cert">
          <p>
            For {certificate.names || 'localhost'}; valid until {new Date(certificate.notAfter).toLocaleDateString()}.
          </p>
          <p>
            SHA-256 fingerprint:{' '}
            <code className="mono" data-testid="router-cert-fingerprint">
              {certificate.fingerprint256}
            </code>
          </p>
          <p className="router-muted">
            In router.json, give an endpoint <code className="mono">{'"tls": {"key": "tls/key.pem", "certificate": "tls/cert.pem"}'}</code> (paths are
            relative to router.json) and connect with wss:// or rss://. Clients trust <code className="mono">{certificate.certFile}</code> as their CA
            file, or pin the fingerprint (<code className="mono">authbahn test --pin …</code>).
          </p>
        </div>
      ) : (
        <p className="router-muted">
          None yet. The router can serve wss:// and rss:// with a certificate for localhost, 127.0.0.1 and ::1 made here (no openssl needed).
        </p>
      )}
      {confirmReplace && (
        <ConfirmDialog
          title="Replace the TLS certificate?"
          message="Clients that trust the current certificate file or pin its fingerprint will refuse the new one until they are updated."
          confirmLabel="Replace"
          onConfirm={async () => {
            await make(true);
            return null;
          }}
          onClose={() => setConfirmReplace(false)}
        />
      )}
    </section>
  );
}
