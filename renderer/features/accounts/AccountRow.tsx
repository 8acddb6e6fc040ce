// One account, a row of the accounts grid (AccountList): names (the row header; Enter copies too), the
// current code (click/Enter/Space copies), the countdown or the HOTP "next code" button, the next code
// preview, and the row actions — each action its own grid cell, reached with ←/→ from the code.
import { useEffect, useState, type DragEvent } from 'react';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { RECOMMENDED_MIN_SECRET_BITS } from '../../../shared/otp/types';
import { IconButton } from '../../components/Button';
import { CountdownRing } from '../../components/CountdownRing';
import { cx } from '../../components/cx';
import { Icon } from '../../components/Icon';
import { CodeDisplay } from '../codes/CodeDisplay';
import { TYPE_LABEL } from './AccountFacts';
import { AccountAvatar } from './AccountAvatar';
import { accountName } from './names';
import { TagChip } from './TagFilter';
import type { DropPosition } from './reorder';

export interface AccountRowActions {
  onCopy: (account: AccountView) => void;
  onHotpNext: (account: AccountView) => void;
  onEdit: (account: AccountView) => void;
  onDelete: (account: AccountView) => void;
  onQr: (account: AccountView) => void;
  onMove: (account: AccountView, delta: -1 | 1) => void;
}

export interface AccountRowProps extends AccountRowActions {
  account: AccountView;
  code: CodeView | undefined;
  /** Web mode without a connection to `authbahn serve`: no code is loading, none can come. */
  offline: boolean;
  now: number;
  isFirst: boolean;
  isLast: boolean;
  /** Reordering is off while a search filter hides part of the list. */
  reorderEnabled: boolean;
  /** Show dots instead of the code until the code is clicked (which reveals it for a while and copies it). */
  hideCodes: boolean;
  dragging: boolean;
  dropPosition: DropPosition | null;
  handleProps: { draggable: boolean; onDragStart: (e: DragEvent<HTMLElement>) => void; onDragEnd: () => void };
  rowProps: { onDragOver: (e: DragEvent<HTMLElement>) => void; onDrop: (e: DragEvent<HTMLElement>) => void };
}

/**
 * The code button's name. It starts with the code exactly as shown (WCAG 2.5.3 label in name: speech
 * input users say what they see). Without a code it says why: on its way, or — web mode, disconnected —
 * not coming until the connection is back ("Loading" would promise a code that never arrives).
 */
function codeButtonLabel(name: string, shown: CodeView | undefined, code: CodeView | undefined, offline: boolean): string {
  if (shown) return `${shown.code}, copy code for ${name}`;
  if (code) return `Show and copy the code for ${name}`;
  return offline ? `Not connected — code unavailable for ${name}` : `Loading code for ${name}`;
}

/** How long a hidden code stays visible after a click. */
const REVEAL_MS = 20_000;

export function AccountRow(props: AccountRowProps) {
  const { account, code, now, isFirst, isLast, reorderEnabled, dragging, dropPosition } = props;
  const name = accountName(account);
  const weakSecret = account.secretBits > 0 && account.secretBits < RECOMMENDED_MIN_SECRET_BITS;
  const timed = account.type !== 'hotp' && code?.validFrom != null && code.validUntil != null;
  const moveHint = reorderEnabled ? '' : ' (clear the search to reorder)';
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => setRevealed(false), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed]);
  const hidden = props.hideCodes && !revealed;
  // Hidden codes are not in the DOM at all (not even in data attributes or labels).
  const shown = code && !hidden ? code : undefined;
  const copy = () => {
    if (hidden) setRevealed(true);
    props.onCopy(account);
  };

  return (
    <div
      role="row"
      className={cx('account-row', dragging && 'is-dragging', dropPosition && `drop-${dropPosition}`)}
      data-testid="account-row"
      data-account-id={account.id}
      {...props.rowProps}
    >
      {/* Pointer-only affordance: the keyboard has Alt+↑/↓ and the move buttons. */}
      <span className={cx('drag-handle', !reorderEnabled && 'is-disabled')} aria-hidden="true" data-testid="account-drag" title={`Drag to reorder${moveHint}`} {...props.handleProps}>
        <Icon name="grip" />
      </span>
      <AccountAvatar issuer={account.issuer} label={account.label} />
      <div
        className="account-names"
        role="rowheader"
        data-roving-item
        data-focus-key="name"
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ') || !code) return;
          e.preventDefault();
          copy();
        }}
      >
        {/* Each account is a heading, so screen reader users can jump between accounts (H) and hear the
            whole name once; the visible issuer and label below say the same and are hidden from them. */}
        <h2 className="visually-hidden">{name}</h2>
        <div className="account-title">
          {account.issuer ? (
            <span className="account-issuer" data-testid="account-issuer" title={account.issuer} aria-hidden="true">
              {account.issuer}
            </span>
          ) : null}
          <span className={cx('type-badge', `type-${account.type}`)} title={account.type === 'hotp' ? 'Counter of the code shown' : undefined}>
            {TYPE_LABEL[account.type]}
            {account.type === 'hotp' && ` #${code?.counter ?? account.counter}`}
          </span>
          {weakSecret && (
            <span
              className="weak-secret"
              role="img"
              title={`Short secret: ${account.secretBits} bits (at least ${RECOMMENDED_MIN_SECRET_BITS} recommended)`}
              aria-label="Short secret"
            >
              <Icon name="warning" size={14} />
            </span>
          )}
        </div>
        <div className="account-subtitle">
          <span className={cx('account-label', !account.issuer && 'account-label-primary')} data-testid="account-label" title={account.label} aria-hidden="true">
            {account.label}
          </span>
          {account.tags.map((tag) => (
            <TagChip key={tag} tag={tag} />
          ))}
        </div>
      </div>

      <div className="account-code-cell" role="gridcell">
        <button
          type="button"
          className="code-button"
          data-testid="account-code"
          data-code={shown?.code ?? ''}
          data-hidden={hidden ? 'true' : undefined}
          data-valid-from={code?.validFrom ?? ''}
          data-valid-until={code?.validUntil ?? ''}
          data-counter={code?.counter ?? account.counter}
          data-focus-key="code"
          disabled={!code}
          aria-label={codeButtonLabel(name, shown, code, props.offline)}
          title={hidden ? 'Show and copy the code' : 'Copy code'}
          onClick={copy}
        >
          <CodeDisplay code={shown?.code} digits={account.digits} className={hidden ? 'code-current code-hidden' : 'code-current'} />
          <Icon name="copy" className="code-copy-icon" />
        </button>
        {/* No aria-label: a plain span cannot carry one; its text ("next 123456") is what is read. */}
        <span className="account-next-preview" data-testid="account-next-preview">
          {shown ? (
            <>
              <span className="next-label">next</span>
              <CodeDisplay code={shown.next} digits={account.digits} />
            </>
          ) : null}
        </span>
      </div>

      <div className="account-timer" role="gridcell">
        {account.type === 'hotp' ? (
          <button
            type="button"
            className="hotp-next"
            data-testid="account-next"
            data-focus-key="next"
            title={`Generate the next code (counter ${(code?.counter ?? account.counter) + 1})`}
            aria-label={`Generate the next code for ${name}`}
            onClick={() => props.onHotpNext(account)}
          >
            <Icon name="next" />
          </button>
        ) : timed ? (
          <CountdownRing validFrom={code.validFrom!} validUntil={code.validUntil!} now={now} />
        ) : null}
      </div>

      {/* One grid cell per action (a cell holds one widget); the wrapper is layout only. */}
      <div className="account-actions" role="none">
        <span role="gridcell" className="action-cell">
          <IconButton icon="qr" label={`Show QR code for ${name}`} testId="account-qr" data-focus-key="qr" onClick={() => props.onQr(account)} />
        </span>
        <span role="gridcell" className="action-cell">
          <IconButton icon="edit" label={`Edit ${name}`} testId="account-edit" data-focus-key="edit" onClick={() => props.onEdit(account)} />
        </span>
        <span role="gridcell" className="action-cell">
          <IconButton
            icon="trash"
            label={`Delete ${name}`}
            tone="danger"
            testId="account-delete"
            data-focus-key="delete"
            onClick={() => props.onDelete(account)}
          />
        </span>
        <span className="action-divider" aria-hidden="true" />
        <span role="gridcell" className="action-cell">
          <IconButton
            icon="up"
            label={`Move ${name} up${moveHint}`}
            testId="account-move-up"
            data-focus-key="up"
            disabled={!reorderEnabled || isFirst}
            onClick={() => props.onMove(account, -1)}
          />
        </span>
        <span role="gridcell" className="action-cell">
          <IconButton
            icon="down"
            label={`Move ${name} down${moveHint}`}
            testId="account-move-down"
            data-focus-key="down"
            disabled={!reorderEnabled || isLast}
            onClick={() => props.onMove(account, 1)}
          />
        </span>
      </div>
    </div>
  );
}
