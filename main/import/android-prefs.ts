// Android SharedPreferences XML (shared_prefs/*.xml), the file several apps keep their accounts in and
// which rooted phones can copy off: <map><string name="K">V</string>… <int name="K" value="1"/>…</map>.
// Only <string> values matter to the importers. A small dedicated reader instead of an XML library:
// the format is flat, written by one Android class, and we need nothing but names and text.

/** True when the text looks like a SharedPreferences file (an XML <map> root). */
export function isPrefsXml(text: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?<map\s*>/.test(text) || /^\s*(<\?xml[^>]*\?>\s*)?<map\s*\/>/.test(text);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|quot|amp|lt|gt|apos);/g, (_, entity: string) => {
    switch (entity) {
      case 'quot':
        return '"';
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'apos':
        return "'";
      default: {
        const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
      }
    }
  });
}

/** The <string> entries of a SharedPreferences file, in file order; undefined when it is not one. */
export function readPrefsStrings(text: string): Map<string, string> | undefined {
  if (!isPrefsXml(text)) return undefined;
  const out = new Map<string, string>();
  const pattern = /<string\s+name\s*=\s*"([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/string\s*>)/g;
  for (const match of text.matchAll(pattern)) {
    out.set(decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? ''));
  }
  return out;
}
