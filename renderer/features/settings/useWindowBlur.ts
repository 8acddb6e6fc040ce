// Settings → "Blur the codes when the window loses the focus": true while the window (or browser tab)
// does not have the focus, so codes on screen are unreadable when the user is in another window.
import { useEffect, useState } from 'react';

export function useWindowBlur(enabled: boolean): boolean {
  const [blurred, setBlurred] = useState(() => enabled && !document.hasFocus());
  useEffect(() => {
    if (!enabled) {
      setBlurred(false);
      return;
    }
    const update = () => setBlurred(!document.hasFocus());
    update();
    window.addEventListener('blur', update);
    window.addEventListener('focus', update);
    return () => {
      window.removeEventListener('blur', update);
      window.removeEventListener('focus', update);
    };
  }, [enabled]);
  return blurred;
}
