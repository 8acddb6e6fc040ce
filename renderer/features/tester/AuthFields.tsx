// Authentication part of the profile form: method, authid/authrole, and what the method needs —
// a secret, a stored authenticator account (TOTP-ticket), a stored key (WAMP-Cryptosign) or
// key-derivation parameters (WAMP-CRA).
import type { KeyView } from '../../../shared/api/keys-contract';
import type { AccountView } from '../../../shared/api/types';
import { TESTER_AUTHMETHODS, type TesterAuthMethod } from '../../../shared/api/tester-contract';
import { Field } from '../../components/Field';
import { AUTHMETHOD_LABELS, TOTP_ALGORITHMS, usesOwnSecret, type TotpAlgorithm } from './profile-form';
import { SecretField } from './SecretField';
import type { ProfileFormState } from './useProfileForm';

export function AuthFields({ state, accounts, keys }: { state: ProfileFormState; accounts: AccountView[]; keys: KeyView[] }) {
  const { form, set, touch, visibleErrors } = state;
  const method = form.authmethod;
  return (
    <fieldset className="tester-fieldset">
      <legend>Authentication</legend>
      <div className="form-grid form-grid-3">
        <Field label="Auth method">
          <select value={method} data-testid="tester-authmethod" onChange={(e) => set('authmethod', e.target.value as TesterAuthMethod)}>
            {TESTER_AUTHMETHODS.map((m) => (
              <option key={m} value={m}>
                {AUTHMETHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Auth ID" error={visibleErrors.authid} hint={method === 'anonymous' ? 'Optional' : 'The user name (principal)'}>
          <input
            value={form.authid}
            autoComplete="off"
            spellCheck={false}
            data-testid="tester-authid"
            onChange={(e) => set('authid', e.target.value)}
            onBlur={() => touch('authid')}
          />
        </Field>
        <Field label="Auth role" error={visibleErrors.authrole} hint="Optional: the role to ask for">
          <input
            value={form.authrole}
            autoComplete="off"
            spellCheck={false}
            data-testid="tester-authrole"
            onChange={(e) => set('authrole', e.target.value)}
            onBlur={() => touch('authrole')}
          />
        </Field>
      </div>

      {method === 'totp' && (
        <div className="radio-row" role="radiogroup" aria-label="Where the TOTP code comes from">
          <label>
            <input type="radio" name="totp-source" checked={form.totpSource === 'account'} onChange={() => set('totpSource', 'account')} />
            An account of this authenticator
          </label>
          <label>
            <input type="radio" name="totp-source" checked={form.totpSource === 'secret'} onChange={() => set('totpSource', 'secret')} />
            A TOTP secret of its own
          </label>
        </div>
      )}

      {method === 'totp' && form.totpSource === 'account' && <AccountPicker state={state} accounts={accounts} />}

      {method === 'cryptosign' && (
        <div className="radio-row" role="radiogroup" aria-label="Which private key signs">
          <label>
            <input type="radio" name="cryptosign-source" checked={form.cryptosignSource === 'key'} onChange={() => set('cryptosignSource', 'key')} />
            A stored key (Settings → Keys)
          </label>
          <label>
            <input type="radio" name="cryptosign-source" checked={form.cryptosignSource === 'secret'} onChange={() => set('cryptosignSource', 'secret')} />
            A private key of its own
          </label>
        </div>
      )}

      {method === 'cryptosign' && form.cryptosignSource === 'key' && <KeyPicker state={state} keys={keys} />}

      {usesOwnSecret(form) && <SecretField state={state} />}

      {method === 'totp' && form.totpSource === 'secret' && (
        <div className="form-grid form-grid-3">
          <Field label="TOTP algorithm">
            <select value={form.totpAlgorithm} onChange={(e) => set('totpAlgorithm', e.target.value as TotpAlgorithm)}>
              {TOTP_ALGORITHMS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field label="TOTP digits" error={visibleErrors.totpDigits}>
            <input inputMode="numeric" value={form.totpDigits} onChange={(e) => set('totpDigits', e.target.value)} onBlur={() => touch('totpDigits')} />
          </Field>
          <Field label="TOTP period (s)" error={visibleErrors.totpPeriod}>
            <input inputMode="numeric" value={form.totpPeriod} onChange={(e) => set('totpPeriod', e.target.value)} onBlur={() => touch('totpPeriod')} />
          </Field>
        </div>
      )}

      {method === 'wampcra' && (
        <details className="advanced" open={form.craSalt !== ''}>
          <summary>Salted key (optional)</summary>
          <p className="advanced-note">
            Used only when the router&apos;s CHALLENGE carries no salt; if the router rejects the key derived with them, the tester tries the
            secret itself and, if that works, tells you these fields do not apply to this user. If the router salts, the tester tries the secret
            both as the password and as the already-derived key and tells you which one the router expects.
          </p>
          <div className="form-grid form-grid-3">
            <Field label="Salt" error={visibleErrors.craSalt}>
              <input value={form.craSalt} spellCheck={false} onChange={(e) => set('craSalt', e.target.value)} onBlur={() => touch('craSalt')} />
            </Field>
            <Field label="Iterations" error={visibleErrors.craIterations}>
              <input
                inputMode="numeric"
                value={form.craIterations}
                onChange={(e) => set('craIterations', e.target.value)}
                onBlur={() => touch('craIterations')}
              />
            </Field>
            <Field label="Key length (bytes)" error={visibleErrors.craKeylen}>
              <input inputMode="numeric" value={form.craKeylen} onChange={(e) => set('craKeylen', e.target.value)} onBlur={() => touch('craKeylen')} />
            </Field>
          </div>
        </details>
      )}
    </fieldset>
  );
}

function AccountPicker({ state, accounts }: { state: ProfileFormState; accounts: AccountView[] }) {
  const { form, set, touch, visibleErrors } = state;
  // HOTP codes are counter-based and cannot stand in for a time-based ticket.
  const usable = accounts.filter((a) => a.type !== 'hotp');
  const missing = form.totpAccountId !== '' && !usable.some((a) => a.id === form.totpAccountId);
  return (
    <Field
      label="Authenticator account"
      error={visibleErrors.totpAccountId}
      hint={usable.length === 0 ? 'No time-based accounts in the authenticator yet: add one there, or use a TOTP secret of its own.' : 'Its current code is sent as the ticket.'}
    >
      <select
        value={form.totpAccountId}
        data-testid="tester-totp-account"
        onChange={(e) => set('totpAccountId', e.target.value)}
        onBlur={() => touch('totpAccountId')}
      >
        <option value="">Choose an account…</option>
        {missing && <option value={form.totpAccountId}>(account no longer exists)</option>}
        {usable.map((a) => (
          <option key={a.id} value={a.id}>
            {a.issuer ? `${a.issuer}: ${a.label}` : a.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function KeyPicker({ state, keys }: { state: ProfileFormState; keys: KeyView[] }) {
  const { form, set, touch, visibleErrors } = state;
  const chosen = keys.find((k) => k.name === form.cryptosignKey);
  const missing = form.cryptosignKey !== '' && !chosen;
  return (
    <Field
      label="Stored key"
      error={visibleErrors.cryptosignKey}
      hint={
        keys.length === 0
          ? 'No keys yet: generate or import one in Settings → Keys.'
          : chosen
            ? `Public key ${chosen.publicKey} — the router must list it for this authid.`
            : 'Its public key goes into HELLO; the private key signs the challenge without leaving the keychain.'
      }
    >
      <select value={form.cryptosignKey} data-testid="tester-cryptosign-key" onChange={(e) => set('cryptosignKey', e.target.value)} onBlur={() => touch('cryptosignKey')}>
        <option value="">Choose a key…</option>
        {missing && <option value={form.cryptosignKey}>{`${form.cryptosignKey} (no longer exists)`}</option>}
        {keys.map((k) => (
          <option key={k.name} value={k.name}>
            {k.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
