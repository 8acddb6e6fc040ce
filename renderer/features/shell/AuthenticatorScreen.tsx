// The authenticator window: header (search, export, add), status banners, the account list
// and the footer. Owns the search query and which dialog is open; data comes from the hooks.
import { useId, useMemo, useRef, useState } from 'react';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { AccountList } from '../accounts/AccountList';
import { EmptyState, NoMatches } from '../accounts/EmptyState';
import { ListMeta } from '../accounts/ListMeta';
import { SearchBox } from '../accounts/SearchBox';
import { filterAccounts, foldForSearch, keepTagFilter } from '../accounts/filter';
import { ActiveTagFilter, TagFilterProvider } from '../accounts/TagFilter';
import { moveId } from '../accounts/reorder';
import { useAccounts } from '../accounts/useAccounts';
import { useReorder } from '../accounts/useReorder';
import { useSearchShortcut } from '../accounts/useSearchShortcut';
import { useClipboardClearedNotice, useClipboardCopy } from '../codes/useClipboardCopy';
import { useCodes } from '../codes/useCodes';
import { useHotpNext } from '../codes/useHotpNext';
import { AboutFooter } from '../status/AboutFooter';
import { StatusBanners } from '../status/StatusBanners';
import { useConnectionState } from '../status/useConnectionState';
import { useAppStatus } from '../status/useAppStatus';
import { cx } from '../../components/cx';
import type { RovingGrid } from '../../components/useRovingGrid';
import { useAppState } from '../settings/AppStateContext';
import { useWindowBlur } from '../settings/useWindowBlur';
import { AppHeader } from './AppHeader';
import { OpenDialog, type DialogState } from './OpenDialog';
import { SectionHeading } from './SectionHeading';

/**
 * Web mode, not connected: the codes from before are not shown. They cannot be refreshed, so they would
 * freeze under a turning ring and look live; the connection banner says why they are gone.
 */
const NO_CODES: ReadonlyMap<string, CodeView> = new Map();

export function AuthenticatorScreen() {
  const { info, status, error: statusError, reload: reloadStatus } = useAppStatus();
  const { accounts, loaded, error: accountsError, refresh, replace } = useAccounts();
  const listKey = useMemo(() => accounts.map((a) => `${a.id}:${a.updatedAt}:${a.counter}`).join('|'), [accounts]);
  const { codes, now, error: codesError, merge } = useCodes(listKey);
  const { copyCode } = useClipboardCopy(merge);
  useClipboardClearedNotice();
  const hotpNext = useHotpNext(merge);
  const reorder = useReorder(accounts, replace, refresh);
  const connection = useConnectionState(() => {
    void refresh();
    void reloadStatus();
  });

  const { settings } = useAppState();
  const blurred = useWindowBlur(settings?.blurOnFocusLoss === true);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<RovingGrid>(null);
  const listId = useId();
  const keysId = useId();
  useSearchShortcut(searchRef, dialog === null);

  const [tag, setTag] = useState<string | null>(null);
  // A tag no account carries any more (renamed, deleted) stops filtering by itself.
  const activeTag = keepTagFilter(accounts, tag);
  const tagFilter = useMemo(
    () => ({
      active: activeTag,
      toggle: (clicked: string) => setTag(activeTag !== null && foldForSearch(activeTag) === foldForSearch(clicked) ? null : clicked),
    }),
    [activeTag],
  );
  const visible = useMemo(() => filterAccounts(accounts, query, activeTag), [accounts, query, activeTag]);
  const allIds = useMemo(() => accounts.map((a) => a.id), [accounts]);
  const searching = query.trim().length > 0 || activeTag !== null;
  const keychainDown = status?.keychain.ok === false;

  const move = (account: AccountView, delta: -1 | 1) => {
    const next = moveId(allIds, account.id, delta);
    if (next) void reorder(next);
  };

  return (
    <>
      {/* An open dialog makes this inert itself (components/modal-layers.ts). */}
      <div className={cx('app', blurred && 'is-blurred')} data-testid="authenticator-screen">
        <AppHeader
          accountCount={accounts.length}
          canAdd={!keychainDown}
          onAdd={() => setDialog({ kind: 'add' })}
          onExport={() => setDialog({ kind: 'export' })}
        />
        <StatusBanners
          status={status}
          connection={connection}
          errors={[statusError, accountsError, accounts.length > 0 ? codesError : null]}
        />
        <main className="app-main">
          <SectionHeading />
          {!loaded ? (
            <p className="loading-line" aria-live="polite">
              Loading accounts…
            </p>
          ) : accounts.length === 0 ? (
            accountsError ? null : <EmptyState canAdd={!keychainDown} onAdd={(method) => setDialog({ kind: 'add', method })} />
          ) : (
            <>
              <div className="list-toolbar">
                <SearchBox
                  ref={searchRef}
                  value={query}
                  onChange={setQuery}
                  controls={visible.length > 0 ? listId : undefined}
                  onArrowDown={() => listRef.current?.focusRow(0)}
                  onEnter={() => {
                    if (visible[0]) void copyCode(visible[0]);
                  }}
                />
                <ListMeta shown={visible.length} total={accounts.length} searching={searching} keysId={keysId} />
              </div>
              {activeTag !== null && <ActiveTagFilter tag={activeTag} onClear={() => setTag(null)} />}
              {visible.length === 0 ? (
                <NoMatches query={query.trim()} tag={activeTag} onClear={() => setQuery('')} />
              ) : (
                <TagFilterProvider value={tagFilter}>
                <AccountList
                  ref={listRef}
                  id={listId}
                  describedBy={keysId}
                  accounts={visible}
                  allIds={allIds}
                  codes={connection === 'ready' ? codes : NO_CODES}
                  offline={connection !== 'ready'}
                  now={now}
                  reorderEnabled={!searching}
                  hideCodes={settings?.hideCodes === true}
                  onCopy={(a) => void copyCode(a)}
                  onHotpNext={(a) => void hotpNext(a)}
                  onEdit={(account) => setDialog({ kind: 'edit', account })}
                  onDelete={(account) => setDialog({ kind: 'delete', account })}
                  onQr={(account) => setDialog({ kind: 'qr', account })}
                  onMove={move}
                  onReorder={(ids) => void reorder(ids)}
                />
                </TagFilterProvider>
              )}
            </>
          )}
        </main>
        <AboutFooter info={info} status={status} />
      </div>
      {dialog && <OpenDialog dialog={dialog} accounts={accounts} onClose={() => setDialog(null)} />}
    </>
  );
}
