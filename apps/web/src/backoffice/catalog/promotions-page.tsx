import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { promotionsApi } from '../../lib/api/catalog-endpoints';
import type { Promotion } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { formatBp, formatMinor } from '../../lib/money';
import { catalogKeys, useCatalogStore } from './catalog-queries';
import { PromotionForm } from './promotion-form';
import { StorePicker } from './store-picker';

/** "3 for €5.00", "10% off", "Buy 2, get 1 free". */
export function usePromotionSummary(store: Store) {
  const { t, i18n } = useTranslation();
  return (p: Promotion) => {
    const e = p.effect;
    const money = (n: number) => formatMinor(n, store.currency, i18n.language);
    const pct = (bp: number) => formatBp(bp, i18n.language);
    switch (e.type) {
      case 'percent_off':
        return t('promotions.summary.percent_off', { percent: pct(e.percentBp) });
      case 'cart_percent_off':
        return t('promotions.summary.cart_percent_off', { percent: pct(e.percentBp) });
      case 'n_for_price':
        return t('promotions.summary.n_for_price', { quantity: e.quantity, price: money(e.price) });
      case 'buy_x_get_y':
        return e.percentBp === undefined || e.percentBp === 10_000
          ? t('promotions.summary.buy_x_get_y', { buy: e.buy, get: e.get })
          : t('promotions.summary.buy_x_get_y_percent', {
              buy: e.buy,
              get: e.get,
              percent: pct(e.percentBp),
            });
      case 'cart_amount_off':
        return t('promotions.summary.cart_amount_off', { amount: money(e.amount) });
    }
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** {weekdays: [1..5], fromMinute: 900, toMinute: 1020} → "Mo–Fr 15:00–17:00" (ISO weekdays, 1 = Monday). */
export function describeWindow(
  w: { weekdays?: number[]; fromMinute: number; toMinute: number },
  locale: string,
): string {
  const name = (d: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, d)),
    );
  const days = [...new Set(w.weekdays ?? [])].sort((a, b) => a - b);
  const consecutive = days.length >= 3 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText =
    days.length === 0 || days.length === 7
      ? ''
      : consecutive
        ? `${name(days[0]!)}–${name(days.at(-1)!)}`
        : days.map(name).join(', ');
  return `${dayText} ${clock(w.fromMinute)}–${clock(w.toMinute)}`.trim();
}

export function PromotionsPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { stores, store, setStoreId } = useCatalogStore();
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const promotions = useQuery({
    queryKey: catalogKeys.promotions(store?.id ?? ''),
    queryFn: async () => (await promotionsApi.list(store!.id)).items,
    enabled: Boolean(store),
  });

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{t('promotions.title')}</h1>
          <p className="muted">{t('promotions.subtitle')}</p>
        </div>
        <div className="button-row">
          <StorePicker stores={stores} store={store} onChange={setStoreId} />
          {editing === null && (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              {t('promotions.new')}
            </button>
          )}
        </div>
      </div>
      {store && editing !== null && (
        <PromotionForm
          key={editing === 'new' ? 'new' : editing.id}
          store={store}
          promotion={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {promotions.isPending && store && <p className="muted">{t('common.loading')}</p>}
      {promotions.isError && <p className="alert alert--error">{errorMessage(promotions.error)}</p>}
      {promotions.data?.length === 0 && <p className="card empty-state">{t('promotions.empty')}</p>}
      {store && promotions.data && promotions.data.length > 0 && (
        <PromotionTable store={store} items={promotions.data} onEdit={setEditing} />
      )}
    </>
  );
}

function PromotionTable({
  store,
  items,
  onEdit,
}: {
  store: Store;
  items: Promotion[];
  onEdit: (p: Promotion) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const summary = usePromotionSummary(store);
  const toggle = useMutation({
    mutationFn: (p: Promotion) => promotionsApi.update(p.id, { active: !p.active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.promotions(store.id) }),
  });
  const period = (p: Promotion) => {
    const dates =
      p.startsAt || p.endsAt
        ? `${p.startsAt ? formatDateTime(p.startsAt, i18n.language) : '…'} – ${p.endsAt ? formatDateTime(p.endsAt, i18n.language) : '…'}`
        : null;
    const windows = (p.conditions?.timeWindows ?? []).map((w) => describeWindow(w, i18n.language));
    if (!dates && windows.length === 0) return t('promotions.always');
    return [dates, ...windows].filter(Boolean).join(' · ');
  };
  return (
    <>
      {toggle.isError && <p className="alert alert--error">{errorMessage(toggle.error)}</p>}
      <div className="card table-wrap">
        <table className="table" data-testid="promotion-table">
          <thead>
            <tr>
              <th scope="col">{t('promotions.name')}</th>
              <th scope="col">{t('promotions.rule')}</th>
              <th scope="col">{t('promotions.coupon')}</th>
              <th scope="col">{t('promotions.period')}</th>
              <th scope="col">{t('promotions.active')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('devices.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} data-testid="promotion-row" className={p.active ? undefined : 'is-revoked'}>
                <td>
                  <strong>{p.name}</strong>
                </td>
                <td>{summary(p)}</td>
                <td>
                  {p.conditions?.couponCode ? (
                    <code className="coupon">{p.conditions.couponCode}</code>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="small">{period(p)}</td>
                <td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={p.active}
                      disabled={toggle.isPending}
                      aria-label={t('promotions.activeNamed', { name: p.name })}
                      onChange={() => toggle.mutate(p)}
                    />
                    <span>{p.active ? t('promotions.on') : t('promotions.off')}</span>
                  </label>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('promotions.editNamed', { name: p.name })}
                    onClick={() => onEdit(p)}
                  >
                    {t('taxRates.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
