// The account fields shared by "Enter manually" and "Edit": names, secret (masked, with a show
// toggle), and the OTP parameters. Which parameters appear depends on the type.
import { useState, type ClipboardEvent } from 'react';
import { HASH_ALGORITHMS, OTP_TYPES, type HashAlgorithm, type OtpType } from '../../../shared/otp/types';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import type { AccountFormState } from './useAccountForm';

const TYPE_LABELS: Record<OtpType, string> = { totp: 'TOTP (time)', hotp: 'HOTP (counter)', steam: 'Steam Guard' };

export interface AccountFieldsProps {
  form: AccountFormState;
  mode: 'add' | 'edit';
  /** Called when an otpauth URI is pasted into the secret field. */
  onUriPasted?: (uri: string) => void;
  /** Which blocks to render: edit mode shows names/tags and params separately. */
  parts?: 'all' | 'names' | 'params';
}

export function AccountFields({ form, mode, onUriPasted, parts = 'all' }: AccountFieldsProps) {
  const { values, set, touch, visibleErrors: errors } = form;
  const [showSecret, setShowSecret] = useState(false);
  const steam = values.type === 'steam';

  const onSecretPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text').trim();
    if (onUriPasted && /^otpauth(-migration)?:\/\//i.test(text)) {
      event.preventDefault();
      onUriPasted(text);
    }
  };

  const names = (
    <div className="form-grid form-grid-2">
      <Field label="Issuer" error={errors.issuer} hint={mode === 'add' ? 'The service, e.g. GitHub' : undefined}>
        <input
          type="text"
          value={values.issuer}
          data-testid="field-issuer"
          data-autofocus={mode === 'add' ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('issuer', e.target.value)}
          onBlur={() => touch('issuer')}
        />
      </Field>
      <Field label="Account" error={errors.label} hint={mode === 'add' ? 'Your user name or e-mail there' : undefined}>
        <input
          type="text"
          value={values.label}
          data-testid="field-label"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('label', e.target.value)}
          onBlur={() => touch('label')}
        />
      </Field>
    </div>
  );

  const tags = (
    <Field label="Tags" error={errors.tags} hint="Comma-separated, used by search">
      <input
        type="text"
        value={values.tags}
        data-testid="field-tags"
        autoComplete="off"
        spellCheck={false}
        placeholder="work, prod"
        onChange={(e) => set('tags', e.target.value)}
        onBlur={() => touch('tags')}
      />
    </Field>
  );

  const secret = (
    <Field
      label={mode === 'edit' ? 'New secret' : 'Secret key'}
      error={errors.secret}
      hint={mode === 'edit' ? 'Leave empty to keep the stored secret' : 'Base32, as shown under “can’t scan the code?” — spaces and case do not matter'}
      className="field-secret"
      addon={
        <button
          type="button"
          className="field-addon-btn"
          aria-pressed={showSecret}
          aria-label={showSecret ? 'Hide secret' : 'Show secret'}
          title={showSecret ? 'Hide secret' : 'Show secret'}
          data-testid="secret-toggle"
          onClick={() => setShowSecret((s) => !s)}
        >
          <Icon name={showSecret ? 'eyeOff' : 'eye'} />
        </button>
      }
    >
      <input
        type={showSecret ? 'text' : 'password'}
        value={values.secret}
        data-testid="field-secret"
        className="mono"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder={mode === 'edit' ? '(unchanged)' : 'JBSW Y3DP EHPK 3PXP …'}
        onChange={(e) => set('secret', e.target.value)}
        onPaste={onSecretPaste}
        onBlur={() => touch('secret')}
      />
    </Field>
  );

  const params = (
    <div className="form-grid form-grid-4">
      <Field label="Type" error={errors.type}>
        <select value={values.type} data-testid="field-type" onChange={(e) => set('type', e.target.value as OtpType)}>
          {OTP_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Algorithm" error={errors.algorithm}>
        <select
          value={values.algorithm}
          data-testid="field-algorithm"
          disabled={steam}
          onChange={(e) => set('algorithm', e.target.value as HashAlgorithm)}
        >
          {HASH_ALGORITHMS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Digits" error={errors.digits}>
        <select value={values.digits} data-testid="field-digits" disabled={steam} onChange={(e) => set('digits', e.target.value)}>
          {steam ? <option value="5">5 (Steam)</option> : null}
          {!steam &&
            ['6', '7', '8'].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
        </select>
      </Field>
      {values.type === 'hotp' ? (
        <Field label="Counter" error={errors.counter}>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={values.counter}
            data-testid="field-counter"
            onChange={(e) => set('counter', e.target.value)}
            onBlur={() => touch('counter')}
          />
        </Field>
      ) : (
        <Field label="Period (s)" error={errors.period}>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={values.period}
            data-testid="field-period"
            disabled={steam}
            onChange={(e) => set('period', e.target.value)}
            onBlur={() => touch('period')}
          />
        </Field>
      )}
    </div>
  );

  if (parts === 'names') {
    return (
      <>
        {names}
        {tags}
      </>
    );
  }
  if (parts === 'params') {
    return (
      <>
        {secret}
        {params}
      </>
    );
  }
  return (
    <>
      {names}
      {secret}
      {params}
      {tags}
    </>
  );
}

export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="form-warnings" data-testid="form-warnings">
      {warnings.map((w) => (
        <li key={w}>
          <Icon name="warning" size={14} />
          <span>{w}</span>
        </li>
      ))}
    </ul>
  );
}
