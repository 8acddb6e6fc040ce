// How a code is split for reading aloud/typing: two groups for 6–8 digit codes (123 456, 1234 5678),
// Steam's 5 characters stay whole. The groups are rendered as separate spans so a text selection
// copies the code without spaces.

/** Groups of a code for display; the concatenation is always the code itself. */
export function groupCode(code: string): string[] {
  if (code.length <= 5) return code.length > 0 ? [code] : [];
  const cut = Math.ceil(code.length / 2);
  return [code.slice(0, cut), code.slice(cut)];
}

/** A readable form for screen readers and tooltips: "123 456". */
export function spacedCode(code: string): string {
  return groupCode(code).join(' ');
}

/** Placeholder with the right shape while the first code is loading (•••  •••). */
export function placeholderCode(digits: number): string {
  return '•'.repeat(Math.max(0, Math.min(digits, 10)));
}
