// The profile's secret: a password input that is only ever written to. After a save the value goes
// to the keychain and the field shows "stored in keychain"; typing replaces it on the next save.
import { useState } from 'react';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { secretLabel, secretStatus, type ProfileForm } from './profile-form';
import type { ProfileFormState } from './useProfileForm';

const HINTS: Record<ProfileForm['authmethod'], string> = {
  anonymous: '',
  ticket: 'Sent to the router as the WAMP-Ticket. Kept in the OS keychain, never in the profile file.',
  wampcra: 'Signs the router\'s challenge; never sent. Kept in the OS keychain.',
  totp: 'The tester sends the current code of this secret as the ticket. Kept in the OS keychain.',
  cryptosign: 'Signs the router\'s challenge; the public key goes into HELLO. Kept in the OS keychain.',
};

export function SecretField({ state }: { state: ProfileFormState }) {
  const { form, set, touch, visibleErrors } = state;
  const [show, setShow] = useState(false);
  const status = secretStatus(form);
  const label = secretLabel(form.authmethod);
  const placeholder =
    status === 'stored' ? 'Stored in keychain — type to replace' : status === 'forget' ? 'Will be removed on save' : `Enter the ${label.toLowerCase()}`;

  return (
    <div className="secret-field">
      <Field
        label={label}
        error={visibleErrors.secret}
        hint={HINTS[form.authmethod]}
        className="field-secret"
        addon={
          <button
            type="button"
            className="field-addon-btn"
            aria-pressed={show}
            aria-label={show ? 'Hide secret' : 'Show secret'}
            title={show ? 'Hide secret' : 'Show secret'}
            onClick={() => setShow((s) => !s)}
          >
            <Icon name={show ? 'eyeOff' : 'eye'} />
          </button>
        }
      >
        <input
          type={show ? 'text' : 'password'}
          className="mono"
          value={form.secret}
          placeholder={placeholder}
          autoComplete="new-password"
          spellCheck={false}
          data-testid="tester-secret"
          onChange={(e) => set('secret', e.target.value)}
          onBlur={() => touch('secret')}
        />
      </Field>
      <div className="secret-status" data-testid="secret-status" data-status={status} aria-live="polite">
        {status === 'stored' && (
          <>
            <span className="secret-badge">
              <Icon name="key" size={14} /> Stored in keychain
            </span>
            <button type="button" className="link-btn" onClick={() => set('forgetSecret', true)}>
              Remove stored secret
            </button>
          </>
        )}
        {status === 'forget' && (
          <>
            <span className="secret-badge secret-badge-warn">The stored secret is removed on save</span>
            <button type="button" className="link-btn" onClick={() => set('forgetSecret', false)}>
              Keep it
            </button>
          </>
        )}
        {status === 'typed' && form.hasSecret && <span className="secret-badge">Replaces the stored secret on save</span>}
        {status === 'typed' && !form.hasSecret && <span className="secret-badge">Goes to the keychain on save</span>}
      </div>
    </div>
  );
}
