// The account filter. Keys: Esc clears (then leaves), ↓ moves into the results, Enter copies the
// first result's code — so "/", a few letters and Enter copy a code without leaving the keyboard.
import type { Ref } from 'react';
import { Icon } from '../../components/Icon';

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
  /** ↓: focus the first result. */
  onArrowDown?: () => void;
  /** Enter: copy the first result's code. */
  onEnter?: () => void;
  /** id of the results list, announced as what the box controls. */
  controls?: string;
}

export function SearchBox({ value, onChange, ref, onArrowDown, onEnter, controls }: SearchBoxProps) {
  return (
    <div className="search">
      <Icon name="search" className="search-icon" />
      <input
        ref={ref}
        type="search"
        className="search-input"
        placeholder="Search accounts"
        aria-label="Search accounts by issuer, label or tag"
        aria-keyshortcuts="/"
        aria-controls={controls}
        autoComplete="off"
        spellCheck={false}
        value={value}
        data-testid="search-input"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            if (value) onChange('');
            else e.currentTarget.blur();
          } else if (e.key === 'ArrowDown' && onArrowDown && !e.altKey) {
            e.preventDefault();
            onArrowDown();
          } else if (e.key === 'Enter' && onEnter && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
      {!value && (
        <kbd className="search-kbd" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}
