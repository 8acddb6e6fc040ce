// Local, editable state that starts from a value owned elsewhere (a saved setting, the configured
// folder) and starts over from it whenever that value changes — but not otherwise, so what the user is
// typing stays. Adjusted during render, not in an effect: an effect runs a frame after the render
// (Preact runs passive effects after paint) and would overwrite whatever was typed in that frame.
import { useState, type Dispatch, type SetStateAction } from 'react';

export function useFollowingState<T>(source: T): [T, Dispatch<SetStateAction<T>>] {
  const [state, setState] = useState(source);
  const [followed, setFollowed] = useState(source);
  if (!Object.is(followed, source)) {
    setFollowed(source);
    setState(source);
  }
  return [state, setState];
}
