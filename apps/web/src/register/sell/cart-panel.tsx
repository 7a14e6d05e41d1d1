import type { PricedBasket } from '@opentill/core';
import { useTranslation } from 'react-i18next';
import type { Cart, CartLine } from '../data/cart';
import type { CatalogIndex } from '../data/catalog-index';
import type { CartAction } from './cart-state';

interface CartPanelProps {
  cart: Cart;
  basket: PricedBasket | null;
  pricingError: string | null;
  index: CatalogIndex;
  dispatch: (a: CartAction) => void;
  onEditLine: (line: CartLine) => void;
  money: (amount: number | null) => string;
  children?: React.ReactNode;
}

export function formatQty(qty: number, unit: string, locale: string): string {
  if (unit === 'piece') return String(qty / 1000);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3, minimumFractionDigits: 3 }).format(qty / 1000)} ${unit}`;
}

/** The receipt being built: lines (with their deposits), discounts and the big total. */
export function CartPanel({
  cart,
  basket,
  pricingError,
  index,
  dispatch,
  onEditLine,
  money,
  children,
}: CartPanelProps) {
  const { t, i18n } = useTranslation();
  const priced = new Map(basket?.lines.map((l) => [l.id, l]) ?? []);
  const totals = basket?.totals;

  return (
    <section className="sell-cart" aria-label={t('sell.cart.title')}>
      <ol className="sell-cart__lines" data-testid="cart-lines" aria-live="polite">
        {cart.lines.length === 0 && <li className="sell-cart__empty muted">{t('sell.cart.empty')}</li>}
        {cart.lines.map((line) => {
          const product = index.products.get(line.productId);
          const variant = product?.variants.find((v) => v.id === line.variantId);
          const p = priced.get(line.id);
          const deposit = priced.get(`${line.id}:deposit`);
          const unit = product?.unit ?? 'piece';
          const name = `${product?.name ?? '?'}${variant ? ` ${variant.name}` : ''}`;
          const mods = line.modifierOptionIds.flatMap((id) => {
            for (const g of product?.modifierGroupIds ?? []) {
              const o = index.modifierGroups.get(g)?.options.find((x) => x.id === id);
              if (o) return [o.name];
            }
            return [];
          });
          return (
            <li key={line.id} className="sell-line" data-testid="cart-line">
              <button
                type="button"
                className="sell-line__main"
                onClick={() => onEditLine(line)}
                aria-label={t('sell.cart.editLine', { name })}
              >
                <span className="sell-line__name">{name}</span>
                <span className="sell-line__detail">
                  {formatQty(line.qty, unit, i18n.language)} × {money(p?.effectiveUnitPrice ?? null)}
                  {line.priceOverride !== undefined && (
                    <em className="sell-badge">{t('sell.cart.overridden')}</em>
                  )}
                  {p && p.discountTotal > 0 && (
                    <em className="sell-badge sell-badge--discount">−{money(p.discountTotal)}</em>
                  )}
                </span>
                {mods.length > 0 && <span className="sell-line__mods">{mods.join(', ')}</span>}
                {line.note && <span className="sell-line__note">„{line.note}“</span>}
                <span className="sell-line__total" data-testid="line-total">
                  {money(p?.total ?? null)}
                </span>
              </button>
              {unit === 'piece' && (
                <span className="sell-line__qty">
                  <button
                    type="button"
                    className="sell-step"
                    aria-label={t('sell.cart.less', { name })}
                    onClick={() => dispatch({ type: 'step', lineId: line.id, delta: -1 })}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="sell-step"
                    aria-label={t('sell.cart.more', { name })}
                    onClick={() => dispatch({ type: 'step', lineId: line.id, delta: 1 })}
                  >
                    +
                  </button>
                </span>
              )}
              {deposit && (
                <span className="sell-line__deposit">
                  {index.products.get(deposit.productId)?.name ?? t('sell.cart.deposit')} ·{' '}
                  {formatQty(deposit.milliQty, 'piece', i18n.language)} × {money(deposit.effectiveUnitPrice)}
                  <span>{money(deposit.total)}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {pricingError && (
        <p className="alert alert--error" role="alert">
          {pricingError}
        </p>
      )}
      <dl className="sell-totals">
        {totals && totals.discountTotal > 0 && (
          <div>
            <dt>{t('sell.cart.discounts')}</dt>
            <dd>−{money(totals.discountTotal)}</dd>
          </div>
        )}
        {totals && totals.depositTotal > 0 && (
          <div>
            <dt>{t('sell.cart.deposits')}</dt>
            <dd>{money(totals.depositTotal)}</dd>
          </div>
        )}
        <div className="sell-totals__total">
          <dt>{t('sell.cart.total')}</dt>
          <dd data-testid="cart-total">{money(totals?.payable ?? 0)}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
