// router.json as text, for everything the structured view does not cover.
export function RawConfigEditor({ text, onChange, invalid }: { text: string; onChange: (text: string) => void; invalid: boolean }) {
  return (
    <div className="router-raw">
      <label htmlFor="router-config-json" className="field-label">
        Router config (JSON)
      </label>
      <textarea
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
