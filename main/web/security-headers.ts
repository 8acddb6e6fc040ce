// Response headers of the web bridge. The CSP mirrors the one the renderer's index.html carries for Electron:
// only our own scripts run ('wasm-unsafe-eval' lets zxing-wasm compile its QR decoder, nothing else is eval'd),
// no inline script or style, and the page may talk only to its own origin — which, per CSP Level 3,
// includes the ws:// endpoint on the same host and port.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Sent with every HTTP response, including errors. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Nothing in the UI needs these; deny them so a compromised dependency cannot ask for them either.
  'Permissions-Policy': 'geolocation=(), microphone=(), payment=(), usb=(), serial=(), hid=(), bluetooth=()',
});
