// Asks for the password of an encrypted export file, inline in the import tab. A wrong password adds
// nothing from that file (main reads the whole file before anything goes into the preview).
import { useState } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import type { LockedFile } from './useImportPreview';

export interface FilePasswordPromptProps {
  file: LockedFile;
  busy: boolean;
  onPassword: (password: string) => void;
  onSkip: () => void;
}

export function FilePasswordPrompt({ file, busy, onPassword, onSkip }: FilePasswordPromptProps) {
  const [password, setPassword] = useState('');
  const submit = (e: { preventDefault(): void; stopPropagation(): void }) => {
    e.preventDefault();
    e.stopPropagation();
    if (password === '' || busy) return;
    onPassword(password);
    setPassword('');
  };
  return (
    // Not a nested <form> (the tab is one): Enter in the field submits through onKeyDown.
    <div className="import-password" role="group" aria-label={`Password for ${file.name}`} data-testid="file-password-prompt">
      <p className="import-password-title">
        <Icon name="key" size={14} /> <strong>{file.name}</strong> is encrypted. Enter the password it was exported with.
      </p>
      <div className="import-password-row">
        <Field label="File password" error={file.error ?? undefined}>
          <input
            type="password"
            autoFocus
            autoComplete="off"
            value={password}
            data-testid="file-password"
            onChange={(e) => setPassword(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') submit(e);
            }}
          />
        </Field>
        <div className="import-password-actions">
          <Button variant="primary" onClick={(e) => submit(e)} disabled={password === '' || busy} testId="file-password-submit">
            {busy ? 'Decrypting…' : 'Decrypt'}
          </Button>
          <Button onClick={onSkip} disabled={busy} testId="file-password-skip">
            Skip this file
          </Button>
        </div>
      </div>
    </div>
  );
}
