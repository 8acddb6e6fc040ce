import type { CSSProperties } from 'react';
import { avatarHue, monogram } from './avatar';

export function AccountAvatar({ issuer, label }: { issuer: string; label: string }) {
  // The hue is a CSS custom property, so light and dark themes pick their own lightness for it.
  return (
    <span className="avatar" aria-hidden="true" style={{ '--avatar-hue': avatarHue(issuer || label) } as CSSProperties}>
      {monogram(issuer, label)}
    </span>
  );
}
