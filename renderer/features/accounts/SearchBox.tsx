import type { Ref } from 'react';
import { Icon } from '../../components/Icon';

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onChange, ref }: SearchBoxProps) {
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
