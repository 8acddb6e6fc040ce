// The list of rows plus list-level keyboard handling:
//   ↑/↓ on a code move focus between rows, Alt+↑/↓ move the account itself.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { AccountRow, type AccountRowActions } from './AccountRow';
import { useDragReorder } from './useDragReorder';

export interface AccountListProps extends Omit<AccountRowActions, 'onMove'> {
  /** Rows to show (already filtered). */
  accounts: AccountView[];
  /** Full id order, which reorders are computed on. */
  allIds: string[];
  codes: ReadonlyMap<string, CodeView>;
  now: number;
  reorderEnabled: boolean;
  /** Settings → "Hide codes until clicked". */
  hideCodes?: boolean;
  onMove: (account: AccountView, delta: -1 | 1) => void;
  onReorder: (ids: string[]) => void;
}

export function AccountList(props: AccountListProps) {
  const { accounts, allIds, codes, now, reorderEnabled } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const drag = useDragReorder(allIds, props.onReorder, reorderEnabled);
  // After a keyboard move React may re-insert the focused row, which drops focus; put it back.
  const refocus = useRef<{ id: string; key: string } | null>(null);

  useEffect(() => {
    const want = refocus.current;
    if (!want || !listRef.current) return;
    refocus.current = null;
    const row = listRef.current.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(want.id)}"]`);
    const target = row?.querySelector<HTMLElement>(`[data-focus-key="${want.key}"]:not(:disabled)`) ?? row?.querySelector<HTMLElement>('[data-focus-key="code"]');
    if (target && document.activeElement !== target) target.focus();
  }, [allIds]);

  const move = (account: AccountView, delta: -1 | 1, focusKey: string) => {
    refocus.current = { id: account.id, key: focusKey };
    props.onMove(account, delta);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const target = event.target as HTMLElement;
    const focusKey = target.dataset.focusKey;
    if (focusKey !== 'code') return;
    const row = target.closest<HTMLElement>('[data-account-id]');
    const id = row?.dataset.accountId;
    const index = accounts.findIndex((a) => a.id === id);
    if (index < 0) return;
    const delta = event.key === 'ArrowUp' ? -1 : 1;
    event.preventDefault();
    if (event.altKey) {
      if (reorderEnabled) move(accounts[index]!, delta, 'code');
      return;
    }
    const next = accounts[index + delta];
    if (!next) return;
    listRef.current
      ?.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(next.id)}"] [data-focus-key="code"]`)
      ?.focus();
  };

  return (
    <ul className="account-list" ref={listRef} aria-label="Accounts" onKeyDown={onKeyDown} data-testid="account-list">
      {accounts.map((account, i) => (
        <AccountRow
          key={account.id}
          account={account}
          code={codes.get(account.id)}
          now={now}
          isFirst={i === 0}
          isLast={i === accounts.length - 1}
          reorderEnabled={reorderEnabled}
          hideCodes={props.hideCodes === true}
          dragging={drag.dragId === account.id}
          dropPosition={drag.target?.id === account.id && drag.dragId !== account.id ? drag.target.position : null}
          handleProps={drag.handleProps(account.id)}
          rowProps={drag.rowProps(account.id)}
          onCopy={props.onCopy}
          onHotpNext={props.onHotpNext}
          onEdit={props.onEdit}
          onDelete={props.onDelete}
          onQr={props.onQr}
          onMove={(a, delta) => move(a, delta, delta < 0 ? 'up' : 'down')}
        />
      ))}
    </ul>
  );
}
