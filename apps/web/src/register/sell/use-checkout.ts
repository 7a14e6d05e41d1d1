import { uuidv7 } from '@opentill/core';
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CachedProduct, StoreSettings } from '../data/catalog-types';
import { barcodeConfigFor, priceOf, qtyForEmbeddedPrice, resolveCode } from '../data/catalog-index';
import { priceCart } from '../data/local-pricing';
import { receiptPrefix, recordAuditEvent } from '../data/outbox';
import type { OutboxEntry } from '../data/register-db';
import type { RegisterRuntime } from '../data/register-runtime';
import type { PaymentRequest } from '../data/sale-request';
import { cartReducer, newCart, removedLine, type CartAction } from './cart-state';
import { saleLines } from './parked';
import { dueOf } from './tender-panel';

export type Mode = 'sell' | 'tender' | 'paid';
export type Notice = { kind: 'error' | 'info'; text: string } | null;

/** The checkout flow of one register page: cart, local pricing, tenders and the outbox commit. */
export function useCheckout(
  runtime: RegisterRuntime,
  store: StoreSettings,
  opts: { registerName: string; cashierName: string; cashierId?: string; catalogVersion: number; catalogSeq: number | null },
) {
  const { t } = useTranslation();
  const [cart, dispatchCart] = useReducer(cartReducer, undefined, newCart);
  const [mode, setMode] = useState<Mode>('sell');
  const [payments, setPayments] = useState<PaymentRequest[]>([]);
  const [paid, setPaid] = useState<OutboxEntry | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [weigh, setWeigh] = useState<{ product: CachedProduct; variantId: string | null } | null>(null);
  const [chooseVariant, setChooseVariant] = useState<CachedProduct | null>(null);
  const [busy, setBusy] = useState(false);
  /** A manager's PIN that approved an override in this cart (sent with the sale, see outbox.ts). */
  const overridePin = useRef<string | null>(null);
  const index = runtime.index;

  const priced = useMemo(
    () => priceCart(index, store, cart, new Date()),
    [index, store, cart, opts.catalogVersion],
  );

  // Removing a line is audited (who, what, how many, at which price): the event goes through the
  // outbox like a sale, so it is kept offline and reaches the server's audit log exactly once.
  const latest = useRef({ cart, priced });
  latest.current = { cart, priced };
  const dispatch = useCallback(
    (action: CartAction) => {
      const { cart: now, priced: p } = latest.current;
      const line = removedLine(now, action);
      if (line) {
        const pl = p.ok ? p.basket.lines.find((l) => l.id === line.id) : undefined;
        const product = index.products.get(line.productId);
        void recordAuditEvent(runtime.db, {
          registerId: runtime.registerId,
          cashierName: opts.cashierName,
          body: {
            id: uuidv7(),
            type: 'cart.line_removed',
            at: new Date().toISOString(),
            payload: {
              saleId: now.id,
              lineId: line.id,
              productId: line.productId,
              variantId: line.variantId,
              name: product?.name ?? '',
              qty: line.qty,
              unitPrice: pl?.effectiveUnitPrice ?? null,
              lineTotal: pl?.total ?? null,
              cashierName: opts.cashierName,
              cashierId: opts.cashierId ?? null,
            },
          },
        })
          .then(() => runtime.recorded())
          .catch((e: unknown) =>
            setNotice({ kind: 'error', text: t('sell.cart.auditFailed', { detail: e instanceof Error ? e.message : String(e) }) }),
          );
      }
      dispatchCart(action);
    },
    [index, opts.cashierId, opts.cashierName, runtime, t],
  );

  const add = useCallback(
    (
      product: CachedProduct,
      variantId: string | null,
      qty: number | null,
      embeddedPrice: number | null = null,
    ) => {
      setNotice(null);
      if (variantId === null && product.variants.some((v) => v.status === 'active'))
        return setChooseVariant(product);
      if (embeddedPrice !== null) {
        const unit = priceOf(product, variantId);
        const q = unit === null ? null : qtyForEmbeddedPrice(unit, embeddedPrice);
        if (q === null)
          return setNotice({ kind: 'error', text: t('sell.scan.labelPrice', { name: product.name }) });
        return dispatchCart({ type: 'add', productId: product.id, variantId, qty: q, separate: true });
      }
      if (qty === null) return setWeigh({ product, variantId });
      dispatchCart({ type: 'add', productId: product.id, variantId, qty, separate: product.unit !== 'piece' });
    },
    [t],
  );

  const scan = useCallback(
    (code: string) => {
      if (mode === 'tender') return;
      // Scanning on the change screen starts the next customer's sale right away.
      if (mode === 'paid') {
        setPaid(null);
        setMode('sell');
      }
      const r = resolveCode(index, code, barcodeConfigFor(store));
      if (!r.ok)
        return setNotice({
          kind: 'error',
          text: t(r.reason === 'not_found' ? 'sell.scan.notFound' : 'sell.scan.invalid', { code }),
        });
      add(r.product, r.variantId, r.qty, r.embeddedPrice);
    },
    [add, index, mode, store, t],
  );

  const finalize = useCallback(
    async (all: PaymentRequest[]) => {
      const at = new Date();
      const repriced = priceCart(index, store, cart, at);
      if (!repriced.ok) return setNotice({ kind: 'error', text: repriced.error.message });
      const totals = repriced.basket.totals;
      const allCash = all.every((p) => p.tender === 'cash');
      const total = allCash ? totals.cashPayable : totals.payable;
      const change = all.reduce(
        (s, p) => s + (p.tender === 'cash' && p.tendered !== undefined ? p.tendered - p.amount : 0),
        0,
      );
      setBusy(true);
      try {
        const entry = await runtime.recordSale({
          receiptPrefix: receiptPrefix(opts.registerName),
          createdAt: at.toISOString(),
          mode: cart.resumed ? 'resumed' : 'sale',
          overridePin: overridePin.current,
          summary: {
            total,
            change,
            tendered: total + change,
            cashierName: opts.cashierName,
            lineCount: cart.lines.length,
            // The priced lines (deposit lines too, ids as on the server): offline refunds work from them.
            lines: repriced.basket.lines.map((l) => ({
              id: l.id,
              productId: l.productId,
              name: index.products.get(l.productId)?.name ?? '',
              qty: l.milliQty,
              total: l.total,
            })),
          },
          body: {
            id: cart.id,
            lines: saleLines(cart).map((l) => {
              const product = index.products.get(l.productId);
              const unitPrice = product ? priceOf(product, l.variantId ?? null) : null;
              return unitPrice === null ? l : { ...l, unitPrice };
            }),
            ...(cart.cartDiscount ? { cartDiscount: cart.cartDiscount } : {}),
            coupons: [],
            customerId: null,
            payments: all,
            totals: { total },
            pricedAt: at.toISOString(),
            catalogSeq: opts.catalogSeq ?? 0,
            training: false,
          },
        });
        setPaid(entry);
        setMode('paid');
        setPayments([]);
        overridePin.current = null;
        dispatchCart({ type: 'clear' });
      } catch (e) {
        setNotice({
          kind: 'error',
          text: t('sell.tender.saveFailed', { detail: e instanceof Error ? e.message : String(e) }),
        });
      } finally {
        setBusy(false);
      }
    },
    [cart, index, opts.cashierName, opts.catalogSeq, opts.registerName, runtime, store, t],
  );

  const addPayment = useCallback(
    (p: PaymentRequest) => {
      const all = [...payments, p];
      setPayments(all);
      if (priced.ok && dueOf(priced.basket.totals.payable, priced.basket.totals.cashPayable, all) <= 0)
        void finalize(all);
    },
    [finalize, payments, priced],
  );

  const startTender = useCallback(() => {
    if (cart.lines.length === 0 || !priced.ok) return;
    setNotice(null);
    setMode('tender');
  }, [cart.lines.length, priced.ok]);

  const nextSale = useCallback(() => {
    setPaid(null);
    setMode('sell');
    setNotice(null);
  }, []);

  return {
    cart,
    dispatch,
    priced,
    mode,
    setMode,
    payments,
    setPayments,
    addPayment,
    paid,
    nextSale,
    startTender,
    notice,
    setNotice,
    weigh,
    setWeigh,
    chooseVariant,
    setChooseVariant,
    add,
    scan,
    busy,
    overridePin,
  };
}
