// Clicking a tag shows only the accounts with that tag. The active tag lives in the authenticator screen
// (with the search query, which it combines with); rows reach it through this context, so the list in
// between need not pass it along.
import { createContext, useContext } from 'react';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { foldForSearch } from './filter';

export interface TagFilterValue {
  active: string | null;
  /** Filter by this tag, or clear the filter when it is the active one. */
  toggle: (tag: string) => void;
}

const TagFilterContext = createContext<TagFilterValue>({ active: null, toggle: () => undefined });
export const TagFilterProvider = TagFilterContext.Provider;

/** A tag on an account row, as a toggle button for the filter. */
export function TagChip({ tag }: { tag: string }) {
  const { active, toggle } = useContext(TagFilterContext);
  const pressed = active !== null && foldForSearch(active) === foldForSearch(tag);
  return (
    <button
      type="button"
      className={cx('tag', pressed && 'is-active')}
      aria-pressed={pressed}
      title={pressed ? 'Show all accounts again' : `Show only accounts tagged “${tag}”`}
      data-testid="account-tag"
      onClick={() => toggle(tag)}
    >
      {tag}
    </button>
  );
}

/** Above the list while a tag filter is on: which tag, and a way out. */
export function ActiveTagFilter({ tag, onClear }: { tag: string; onClear: () => void }) {
  return (
    <div className="active-tag-filter" data-testid="active-tag-filter">
      <span>
        Showing accounts tagged <span className="tag is-active">{tag}</span>
      </span>
      <Button size="sm" icon="close" onClick={onClear} testId="clear-tag-filter">
        Clear tag filter
      </Button>
    </div>
  );
}
