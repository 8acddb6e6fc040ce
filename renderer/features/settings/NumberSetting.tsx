// A whole-number setting saved on blur or Enter, within its limits.
import { Field } from '../../components/Field';
import { useFollowingState } from '../../components/useFollowingState';

export interface NumberSettingProps {
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  testId: string;
  onSave: (value: number) => void;
}

export function NumberSetting({ label, hint, value, min, max, testId, onSave }: NumberSettingProps) {
  const [text, setText] = useFollowingState(String(value));
  const parsed = /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const error = Number.isNaN(parsed) || parsed < min || parsed > max ? `A whole number from ${min} to ${max}` : undefined;
  const commit = () => {
    if (!error && parsed !== value) onSave(parsed);
  };
  return (
    <Field label={label} hint={hint} error={error} className="settings-number">
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={text}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </Field>
  );
}
