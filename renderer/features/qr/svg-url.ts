// The QR SVG comes from main as markup. Showing it through <img src="data:..."> (not innerHTML)
// means any script or external reference inside the SVG is never executed or fetched.

export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  // Chunked so very large SVGs do not overflow the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
