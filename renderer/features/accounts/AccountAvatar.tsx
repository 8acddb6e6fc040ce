import type { CSSProperties } from 'react';
import { avatarColors, monogram } from './avatar';

export function AccountAvatar({ issuer, label }: { issuer: string; label: string }) {
  // Both themes' colours as custom properties; the stylesheet picks the pair for the theme in use.
  const { light, dark } = avatarColors(issuer || label);
  const style = { '--avatar-bg': light.bg, '--avatar-fg': light.fg, '--avatar-bg-dark': dark.bg, '--avatar-fg-dark': dark.fg } as CSSProperties;
  return (
    <span className="avatar" aria-hidden="true" data-testid="account-avatar" style={style}>
      {monogram(issuer, label)}
    </span>
  );
}
