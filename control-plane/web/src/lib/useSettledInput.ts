import { useEffect, useState } from 'react';

/**
 * A text input whose value is sent on (to the URL, usually) once typing settles for a moment, so that
 * each keystroke does not become a request and a history entry. Follows `value` when it changes elsewhere.
 */
export function useSettledInput(value: string, onSettle: (value: string) => void, settleMs = 300): [string, (value: string) => void] {
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);
  useEffect(() => {
    if (typed.trim() === value) return;
    const timer = setTimeout(() => onSettle(typed.trim()), settleMs);
    return () => clearTimeout(timer);
  }, [typed, value, onSettle, settleMs]);
  return [typed, setTyped];
}
