// Keeps keyboard focus inside a modal while it is open, makes the rest of the page inert
// (modal-layers.ts), closes it on Escape and gives focus back to whatever opened it (WAI-ARIA dialog
// pattern).
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { enterModalLayer } from './modal-layers';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0,
  );
}

/** Open traps, innermost last: only the innermost one reacts to keys. */
const openTraps: HTMLElement[] = [];

// The element focused last, even after it lost focus: when something blurred the button that opened a
// dialog before the dialog mounted (it turned disabled, its row re-rendered), focus is on <body> by then.
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  const remember = (event: FocusEvent) => {
    if (event.target instanceof HTMLElement) lastFocused = event.target;
  };
  document.addEventListener('focusin', remember, true);
}

/** Where focus goes back to: the opener, or — when the opener is gone (its row deleted) — its list's Tab stop. */
function returnFocus(opener: HTMLElement | null, list: HTMLElement | null): void {
  // A dialog that replaced this one in the same render already holds focus: leave it there.
  const top = openTraps[openTraps.length - 1];
  if (top?.contains(document.activeElement)) return;
  if (opener?.isConnected) opener.focus();
  else if (list?.isConnected) list.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
}

export function useFocusTrap(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;

  // A layout effect: focus moves into the dialog in the same frame it appears (a passive effect runs after
  // paint, and a key pressed in between would still reach the opener behind it).
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const active = document.activeElement;
    const opener =
      active instanceof HTMLElement && active !== document.body ? active : lastFocused?.isConnected && !root.contains(lastFocused) ? lastFocused : null;
    const openerList = opener?.closest<HTMLElement>('[role="grid"], [role="listbox"]') ?? null;
    // Explicit choice first, else the first control of the content (not the header's close button).
    const visible = (el: HTMLElement) => el.getClientRects().length > 0;
    const initial =
      Array.from(root.querySelectorAll<HTMLElement>('[data-autofocus]')).find(visible) ??
      focusables(root).find((el) => !el.closest('.dialog-header')) ??
      root;
    initial.focus();
    // Only now, with focus inside: the opener has been read, and nothing focused is made inert.
    // The layer is the dialog's backdrop, the element portalled into <body>.
    const leaveLayer = enterModalLayer(root.parentElement ?? root);

    openTraps.push(root);
    // Listening on the document, not the dialog: focus can fall to <body> (e.g. when the focused
    // button becomes disabled while a request runs), and Escape/Tab must still work then.
    const onKeyDown = (event: KeyboardEvent) => {
      if (openTraps[openTraps.length - 1] !== root) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        event.preventDefault();
        onEscapeRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) {
        event.preventDefault();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      openTraps.splice(openTraps.indexOf(root), 1);
      // After this commit has removed the dialog, still before anything else runs: when "Discard"
      // closes a confirmation and the dialog under it at once, the outer one is torn down first, while
      // the inner one is still in the document and would keep the page inert. By the microtask both
      // are gone, the layers are recomputed and focus goes back to the outer dialog's opener (the
      // inner one's opener was inside the outer dialog, so it is no longer connected and does nothing).
      queueMicrotask(() => {
        // Inert first off, or the opener behind could not take focus back.
        leaveLayer();
        returnFocus(opener, openerList);
      });
    };
  }, [ref]);
}
