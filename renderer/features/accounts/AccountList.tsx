// The accounts as a WAI-ARIA grid with one Tab stop (useRovingGrid): ↑/↓ move between accounts in the
// same column, ←/→ between a row's name, code and actions, Home/End to the first/last account; Enter on
// the name or code copies. Alt+↑/↓ move the account itself.
import { useLayoutEffect, useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import { useRovingGrid, type RovingGrid } from '../../components/useRovingGrid';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { AccountRow, type AccountRowActions } from './AccountRow';
import { useDragReorder } from './useDragReorder';

export interface AccountListProps extends Omit<AccountRowActions, 'onMove'> {
  /** Rows to show (already filtered). */
  accounts: AccountView[];
  /** Full id order, which reorders are computed on. */
  allIds: string[];
  codes: ReadonlyMap<string, CodeView>;
  /** Web mode without a connection: there are no codes, and none is on its way. */
  offline?: boolean;
  now: number;
  reorderEnabled: boolean;
  /** Settings → "Hide codes until clicked". */
  hideCodes?: boolean;
  onMove: (account: AccountView, delta: -1 | 1) => void;
  onReorder: (ids: string[]) => void;
  /** Lets the search box move focus into the list (↓). */
  ref?: Ref<RovingGrid>;
  id?: string;
  /** id of the element describing the keys (the hint line). */
  describedBy?: string;
}

export function AccountList(props: AccountListProps) {
  const { accounts, allIds, codes, now, reorderEnabled } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const grid = useRovingGrid(listRef, { rowSelector: '[role="row"]', homeEnd: 'rows', defaultColumn: 'code' });
  useImperativeHandle(props.ref, () => grid, [grid]);
  const drag = useDragReorder(allIds, props.onReorder, reorderEnabled);
  // After a keyboard move React may re-insert the focused row, which drops focus; put it back.
  const refocus = useRef<{ id: string; key: string } | null>(null);

  useLayoutEffect(() => {
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

  // Plain arrows are the roving grid's; Alt+↑/↓ on the name or code moves the account.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const target = event.target as HTMLElement;
    const focusKey = target.dataset.focusKey;
    if (focusKey !== 'code' && focusKey !== 'name') return;
    const id = target.closest<HTMLElement>('[data-account-id]')?.dataset.accountId;
    const index = accounts.findIndex((a) => a.id === id);
    if (index < 0) return;
    event.preventDefault();
    if (reorderEnabled) move(accounts[index]!, event.key === 'ArrowUp' ? -1 : 1, focusKey);
  };

  return (
    <div
      className="account-list"
      ref={listRef}
      id={props.id}
      role="grid"
      aria-label="Accounts"
      aria-describedby={props.describedBy}
      onKeyDown={onKeyDown}
      data-testid="account-list"
    >
      {accounts.map((account, i) => (
        <AccountRow
          key={account.id}
          account={account}
          code={codes.get(account.id)}
          offline={props.offline === true}
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
    </div>
  );
}
