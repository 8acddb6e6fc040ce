// The one place that makes the page behind a modal dialog inert (not focusable, not clickable, hidden
// from screen readers), as aria-modal promises. Every Dialog renders into <body>, outside the app's
// #root, and registers its layer here while open: #root and every dialog below the topmost one (a
// "Discard changes?" over Edit account) are inert; only the topmost dialog — and the toasts, which are
// rendered into <body> too so they stay announced — remain reachable.

/** The element React renders the app into (index.html). */
export const APP_ROOT_ID = 'root';

/** Open dialog layers, innermost last. */
const layers: HTMLElement[] = [];

function apply(): void {
  // A dialog closed together with the one it sits on ("Discard" closes Edit account too) is already out
  // of the document when the outer one leaves: forget it, or #root would stay inert and the outer
  // dialog could not give focus back to its opener.
  for (let i = layers.length - 1; i >= 0; i--) if (!layers[i]!.isConnected) layers.splice(i, 1);
  document.getElementById(APP_ROOT_ID)?.toggleAttribute('inert', layers.length > 0);
  layers.forEach((layer, i) => layer.toggleAttribute('inert', i < layers.length - 1));
}

/** Makes everything but `layer` inert until the returned function is called. */
export function enterModalLayer(layer: HTMLElement): () => void {
  layers.push(layer);
  apply();
  return () => {
    const index = layers.indexOf(layer);
    if (index >= 0) layers.splice(index, 1);
    layer.removeAttribute('inert');
    apply();
  };
}
