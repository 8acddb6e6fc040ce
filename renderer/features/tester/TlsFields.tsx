// wss:// and rss:// profiles: whom to trust. A CA file (the router's self-signed cert.pem, or its CA),
// a pinned SHA-256 fingerprint, or — warned about in every result — no check at all.
import { Field } from '../../components/Field';
import type { ProfileFormState } from './useProfileForm';

export function TlsFields({ state }: { state: ProfileFormState }) {
  const { form, set, touch, visibleErrors } = state;
  const open = form.tlsCaFile !== '' || form.tlsPin !== '' || form.tlsInsecure;
  return (
    <details className="advanced" open={open} data-testid="tester-tls">
      <summary>TLS certificate (wss://, rss://)</summary>
      <p className="advanced-note">
        By default the router&apos;s certificate must be trusted by this machine and name the host. For a self-signed router certificate, give its
        cert.pem as the CA file or pin its SHA-256 fingerprint (the Router screen and <code>authbahn router cert</code> show it).
      </p>
      <div className="form-grid form-grid-2">
        <Field label="CA file" error={visibleErrors.tlsCaFile} hint="PEM file to trust instead of the system's CAs">
          <input
            className="mono"
            value={form.tlsCaFile}
            autoComplete="off"
            spellCheck={false}
            data-testid="tester-tls-ca"
            onChange={(e) => set('tlsCaFile', e.target.value)}
            onBlur={() => touch('tlsCaFile')}
          />
        </Field>
        <Field label="Pinned SHA-256" error={visibleErrors.tlsPin} hint="Accept exactly this certificate, for any host name">
          <input
            className="mono"
            value={form.tlsPin}
            autoComplete="off"
            spellCheck={false}
            data-testid="tester-tls-pin"
            onChange={(e) => set('tlsPin', e.target.value)}
            onBlur={() => touch('tlsPin')}
          />
        </Field>
      </div>
      <label className="checkbox-row">
        <input type="checkbox" checked={form.tlsInsecure} data-testid="tester-tls-insecure" onChange={(e) => set('tlsInsecure', e.target.checked)} />
        Do not check the certificate (insecure: every result warns about it)
      </label>
    </details>
  );
}
