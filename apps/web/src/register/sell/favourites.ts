import { useCallback, useEffect, useState } from 'react';
import type { RegisterDb } from '../data/register-db';

const KEY = 'favourites';

/** Favourite products of this register (kept in its IndexedDB, so they work offline). */
export function useFavourites(db: RegisterDb): { ids: string[]; toggle: (id: string) => void } {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void db.getMeta<string[]>(KEY).then((v) => live && setIds(v ?? []));
    return () => {
      live = false;
    };
  }, [db]);
  const toggle = useCallback(
    (id: string) => {
      setIds((prev) => {
        const next = prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id];
        void db.setMeta(KEY, next);
        return next;
      });
    },
    [db],
  );
  return { ids, toggle };
}
