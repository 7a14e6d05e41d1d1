import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { formatMinor } from '../../lib/money';

/** The price shown in the list: the product's own, else "from" the cheapest variant. */
export function listPrice(product: Product, storeId: string): { amount: number | null; from: boolean } {
  const prices = product.prices.filter((p) => p.storeId === storeId);
  const own = prices.find((p) => p.variantId === null);
  if (own) return { amount: own.price, from: false };
  const variantPrices = prices.filter((p) => p.variantId !== null).map((p) => p.price);
  if (variantPrices.length === 0) return { amount: null, from: false };
  return { amount: Math.min(...variantPrices), from: product.variants.length > 1 };
}

interface ProductRowProps {
  product: Product;
  store: Store;
  categoryPath: string;
  busy: boolean;
  onToggle: () => void;
}

export function ProductRow({ product, store, categoryPath, busy, onToggle }: ProductRowProps) {
  const { t, i18n } = useTranslation();
  const price = listPrice(product, store.id);
  const archived = product.status === 'archived';
  const formatted = formatMinor(price.amount, store.currency, i18n.language);
  return (
    <tr className={archived ? 'is-revoked' : undefined} data-testid="product-row">
      <td>
        <Link to="/backoffice/products/$productId" params={{ productId: product.id }} className="strong-link">
          {product.name}
        </Link>
        {product.variants.length > 0 && (
          <span className="muted small">
            {' '}
            · {t('products.variantCount', { count: product.variants.length })}
          </span>
        )}
      </td>
      <td>
        <code>{product.sku}</code>
      </td>
      <td>{categoryPath || <span className="muted">—</span>}</td>
      <td className="num nowrap">{price.from ? t('products.fromPrice', { price: formatted }) : formatted}</td>
      <td>
        <span className={archived ? 'badge badge--muted' : 'badge badge--ok'}>
          {archived ? t('products.statusArchivedOne') : t('products.statusActiveOne')}
        </span>
      </td>
      <td className="actions">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          aria-label={t(archived ? 'products.restoreNamed' : 'products.archiveNamed', { name: product.name })}
          onClick={onToggle}
        >
          {archived ? t('products.restore') : t('products.archive')}
        </button>
      </td>
    </tr>
  );
}
