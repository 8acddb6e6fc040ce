import { SETTINGS_LIMITS, THEMES, type AppSettings, type Theme } from '../../../shared/api/settings-contract';
import { Field } from '../../components/Field';
import { NumberSetting } from './NumberSetting';
import { SettingsCard } from './SettingsScreen';
import { useSaveSetting } from './useSaveSetting';

const THEME_LABELS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

export function AppearanceSettings({ settings }: { settings: AppSettings }) {
  const save = useSaveSetting();
  return (
    <SettingsCard title="Codes and appearance">
      <Field label="Theme">
        <select value={settings.theme} data-testid="settings-theme" onChange={(e) => void save({ theme: e.target.value as Theme })}>
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {THEME_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <label className="settings-check">
        <input type="checkbox" checked={settings.hideCodes} data-testid="settings-hide-codes" onChange={(e) => void save({ hideCodes: e.target.checked })} />
        <span>
          Hide codes until clicked <span className="settings-muted">— a click shows the code and copies it</span>
        </span>
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={settings.blurOnFocusLoss}
          data-testid="settings-blur"
          onChange={(e) => void save({ blurOnFocusLoss: e.target.checked })}
        />
        <span>Blur the codes when the window loses the focus</span>
      </label>
      <NumberSetting
        label="Clear the clipboard after (seconds)"
        hint="0 = never. A copied code is removed only if the clipboard still holds it."
        value={settings.clipboardClearSeconds}
        {...SETTINGS_LIMITS.clipboardClearSeconds}
        testId="settings-clipboard-seconds"
        onSave={(v) => void save({ clipboardClearSeconds: v }, 'Saved')}
      />
    </SettingsCard>
  );
}
