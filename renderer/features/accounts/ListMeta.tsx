// Line above the list: what is shown, and the keyboard shortcuts (discoverable without a help page).
export function ListMeta({ shown, total, searching }: { shown: number; total: number; searching: boolean }) {
  return (
    <div className="list-meta">
      <span className="list-count" data-testid="list-count">
        {searching ? `${shown} of ${total} accounts` : total === 1 ? '1 account' : `${total} accounts`}
      </span>
      <span className="list-hints" aria-hidden="true">
        <span>
          <kbd>/</kbd> search
        </span>
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> copy
        </span>
        <span>
          <kbd>Alt</kbd>+<kbd>↑</kbd>
          <kbd>↓</kbd> reorder
        </span>
      </span>
    </div>
  );
}
