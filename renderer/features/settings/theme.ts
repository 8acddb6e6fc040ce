// Settings → Theme. "system" leaves the choice to prefers-color-scheme (tokens.css); light and dark set
// data-theme on <html>, which the tokens honour over the system's preference.
import type { Theme } from '../../../shared/api/settings-contract';

export function applyTheme(root: { dataset: DOMStringMap }, theme: Theme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
