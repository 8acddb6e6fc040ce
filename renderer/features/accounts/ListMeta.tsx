// Line above the list: what is shown, and the keyboard shortcuts (discoverable without a help page).
// The same keys, in words, describe the list to screen readers (the visible hints are symbols).
export function ListMeta({ shown, total, searching, keysId }: { shown: number; total: number; searching: boolean; keysId: string }) {
  return (
    <div className="list-meta">
      <span className="list-count" data-testid="list-count">
        {searching ? `${shown} of ${total} accounts` : total === 1 ? '1 account' : `${total} accounts`}
      </span>
      <span className="list-hints" aria-hidden="true" data-testid="list-hints">
        <span>
          <kbd>/</kbd> search
        </span>
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>←</kbd>
          <kbd>→</kbd> actions
        </span>
        <span>
          <kbd>Enter</kbd> copy
        </span>
        <span>
          <kbd>Alt</kbd>+<kbd>↑</kbd>
          <kbd>↓</kbd> reorder
        </span>
      </span>
      <span id={keysId} hidden>
        Up and down arrows move between accounts, left and right arrows between an account&apos;s code and its
        actions, Home and End to the first and last account. Enter copies the code. Alt with up or down arrow
        moves the account.
      </span>
    </div>
  );
}
