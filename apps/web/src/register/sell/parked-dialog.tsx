import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { storesApi } from '../../lib/api/endpoints';
import { formatDateTime } from '../../lib/format';
import { useErrorMessage } from '../../lib/error-message';
import type { Cart } from '../data/cart';
import type { ParkedCart, RegisterDb } from '../data/register-db';
import { listServerParked, resumeServerSale, type ServerParked } from './parked';

interface ParkedDialogProps {
  db: RegisterDb;
  online: boolean;
  storeId: string;
  registerId: string;
  registerName: string;
  money: (amount: number | null) => string;
  onResume: (cart: Cart & { resumed?: boolean }) => void;
  onClose: () => void;
}

/** Parked sales: this register's local ones (parked offline) and the store's on the server. */
export function ParkedDialog({ db, online, storeId, registerId, registerName, money, onResume, onClose }: ParkedDialogProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [local, setLocal] = useState<ParkedCart[]>([]);
  const [server, setServer] = useState<ServerParked[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map([[registerId, registerName]]));
  const registerNames = (id: string) => names.get(id) ?? t('sell.parked.otherRegister');
  useEffect(() => {
    ref.current?.showModal();
    void db.parked.orderBy('parkedAt').reverse().toArray().then(setLocal);
    if (online) {
      listServerParked().then(setServer, (e: unknown) => setError(errorMessage(e)));
      // Names are a nicety: without them the list still says "other register".
      storesApi.registers(storeId).then((r) => setNames(new Map(r.items.map((x) => [x.id, x.name]))), () => undefined);
    }
  }, []);

  const resumeLocal = async (p: ParkedCart) => {
    await db.parked.delete(p.id);
    onResume(p.cart as Cart);
  };
  const resumeServer = async (p: ServerParked) => {
    try {
      onResume(await resumeServerSale(p.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <dialog
      ref={ref}
      className="sell-dialog sell-dialog--wide"
      aria-labelledby={titleId}
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 id={titleId}>{t('sell.parked.title')}</h2>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {!online && <p className="muted">{t('sell.parked.offline')}</p>}
      <ul className="sell-parked">
        {local.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="button button--block sell-parked__item"
              onClick={() => void resumeLocal(p)}
              data-testid="parked-item"
            >
              <span>{formatDateTime(p.parkedAt, i18n.language)}</span>
              <span>
                {p.cashierName} · {t('sell.parked.here')}
              </span>
              <strong>{money(p.total)}</strong>
            </button>
          </li>
        ))}
        {server?.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="button button--block sell-parked__item"
              onClick={() => void resumeServer(p)}
              data-testid="parked-item"
            >
              <span>{formatDateTime(p.parkedAt, i18n.language)}</span>
              <span>
                {p.cashierName ?? '—'} · {registerNames(p.registerId)} ·{' '}
                {t('sell.parked.lines', { count: p.lineCount })}
              </span>
              <strong>{money(p.total)}</strong>
            </button>
          </li>
        ))}
      </ul>
      {local.length === 0 && (server?.length ?? 0) === 0 && <p className="muted">{t('sell.parked.none')}</p>}
      <div className="button-row sell-dialog__footer">
        <button type="button" className="button" onClick={onClose}>
          {t('sell.common.close')}
        </button>
      </div>
    </dialog>
  );
}
