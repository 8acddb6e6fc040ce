/** Why a new password (typed twice) cannot be used yet, or null when it can. */
export function newPasswordError(password: string, repeated: string, min: number): string | null {
  if (password.length < min) return `At least ${min} characters`;
  if (password !== repeated) return 'The two passwords differ';
  return null;
}
