// The ways to add an account, shared by the Add dialog's tabs and the empty state's shortcuts into them.
export type AddMethod = 'uri' | 'file' | 'qr' | 'manual';
