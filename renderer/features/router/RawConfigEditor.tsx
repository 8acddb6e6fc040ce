// router.json as text, for everything the structured view does not cover.
import type { Ref } from 'react';

export function RawConfigEditor({
  text,
  onChange,
  invalid,
  textareaRef,
}: {
  text: string;
  onChange: (text: string) => void;
  invalid: boolean;
  /** For the issue summary's links, which select the place of a problem. */
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  return (
    <div className="router-raw">
      <label htmlFor="router-config-json" className="field-label">
        Router config (JSON)
      </label>
      <textarea
        ref={textareaRef}
        id="router-config-json"
        className="router-json"
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
