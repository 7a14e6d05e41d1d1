import { useEffect, useRef } from 'react';

/** Function-key shortcuts of the sell screen (F2 search, F4 pay, F8 park, F9 parked, Esc back). */
export function useShortcuts(map: Record<string, () => void>, enabled: boolean): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const fn = ref.current[e.key];
      if (!fn) return;
      // Escape inside a field clears the field first (handled there).
      if (e.key === 'Escape' && e.target instanceof HTMLInputElement) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
