// Promotion form state (all text, as typed) ↔ API shapes. Pure, unit-tested.
import type { Promotion, PromotionEffect, PromotionInput, PromotionType } from '../../lib/api/catalog-types';
import type { FieldError } from '../../lib/field-errors';
import { minorToInput, parseMoneyInput, parsePercentInput } from '../../lib/money';

export interface PromotionFormState {
  name: string;
  type: PromotionType;
  percent: string;
  quantity: string;
  price: string;
  buy: string;
  get: string;
  amount: string;
  productIds: string[];
  categoryIds: string[];
  couponCode: string;
  minBasket: string;
  startsAt: string;
  endsAt: string;
  priority: string;
  exclusive: boolean;
  active: boolean;
}

/** Types that act on matching items (and therefore have a target); the rest act on the cart. */
export const ITEM_TYPES: readonly PromotionType[] = ['percent_off', 'n_for_price', 'buy_x_get_y'];

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → value of an <input type="datetime-local"> in the browser's time zone. */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const bpText = (bp: number | undefined, locale: string) =>
  bp === undefined ? '' : minorToInput(bp, 'EUR', locale).replace(/[.,]00$/, '');

export function emptyPromotion(): PromotionFormState {
  return {
    name: '',
    type: 'percent_off',
    percent: '',
    quantity: '',
    price: '',
    buy: '',
    get: '',
    amount: '',
    productIds: [],
    categoryIds: [],
    couponCode: '',
    minBasket: '',
    startsAt: '',
    endsAt: '',
    priority: '0',
    exclusive: true,
    active: true,
  };
}

export function stateFromPromotion(p: Promotion, currency: string, locale: string): PromotionFormState {
  const e = p.effect;
  return {
    ...emptyPromotion(),
    name: p.name,
    type: e.type,
    percent: 'percentBp' in e ? bpText(e.percentBp, locale) : '',
    quantity: e.type === 'n_for_price' ? String(e.quantity) : '',
    price: e.type === 'n_for_price' ? minorToInput(e.price, currency, locale) : '',
    buy: e.type === 'buy_x_get_y' ? String(e.buy) : '',
    get: e.type === 'buy_x_get_y' ? String(e.get) : '',
    amount: e.type === 'cart_amount_off' ? minorToInput(e.amount, currency, locale) : '',
    productIds: p.target?.productIds ?? [],
    categoryIds: p.target?.categoryIds ?? [],
    couponCode: p.conditions?.couponCode ?? '',
    minBasket: minorToInput(p.conditions?.minBasketAmount, currency, locale),
    startsAt: isoToLocalInput(p.startsAt),
    endsAt: isoToLocalInput(p.endsAt),
    priority: String(p.priority),
    exclusive: p.exclusive,
    active: p.active,
  };
}

/** Validates and builds the request body; field paths match the server's (`effect.percentBp`…). */
export function buildPromotion(
  s: PromotionFormState,
  storeId: string,
  currency: string,
  original: Promotion | null = null,
): { ok: true; body: PromotionInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const int = (text: string, field: string, min: number) => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < min || n > 1000)
      errors.push({ field, code: text.trim() ? 'invalid' : 'required' });
    return n;
  };
  const money = (text: string, field: string) => {
    const r = parseMoneyInput(text, currency);
    if (!r.ok) errors.push({ field, code: r.error });
    return r.ok ? r.value : 0;
  };
  const percent = (text: string, field: string) => {
    const r = parsePercentInput(text);
    if (!text.trim()) errors.push({ field, code: 'required' });
    else if (!r.ok || r.value === 0) errors.push({ field, code: 'invalid_percent' });
    return r.ok ? r.value : 0;
  };
  if (!s.name.trim()) errors.push({ field: 'name', code: 'required' });
  let effect: PromotionEffect;
  switch (s.type) {
    case 'percent_off':
    case 'cart_percent_off':
      effect = { type: s.type, percentBp: percent(s.percent, 'effect.percentBp') };
      break;
    case 'n_for_price':
      effect = {
        type: s.type,
        quantity: int(s.quantity, 'effect.quantity', 1),
        price: money(s.price, 'effect.price'),
      };
      break;
    case 'buy_x_get_y':
      effect = {
        type: s.type,
        buy: int(s.buy, 'effect.buy', 1),
        get: int(s.get, 'effect.get', 1),
        ...(s.percent.trim() ? { percentBp: percent(s.percent, 'effect.percentBp') } : {}),
      };
      break;
    case 'cart_amount_off':
      effect = { type: s.type, amount: money(s.amount, 'effect.amount') };
      break;
  }
  const minBasket = s.minBasket.trim() ? money(s.minBasket, 'conditions.minBasketAmount') : undefined;
  const priority = Number(s.priority || '0');
  if (!/^-?\d+$/.test(s.priority.trim() || '0') || Math.abs(priority) > 1000)
    errors.push({ field: 'priority', code: 'invalid' });
  const startsAt = localInputToIso(s.startsAt);
  const endsAt = localInputToIso(s.endsAt);
  if (startsAt && endsAt && endsAt <= startsAt) errors.push({ field: 'endsAt', code: 'invalid_period' });
  if (errors.length > 0) return { ok: false, errors };

  const item = ITEM_TYPES.includes(s.type);
  // Keep condition fields this form does not edit (customer groups, time windows).
  const keep = original?.conditions ?? {};
  const conditions = {
    ...(keep.customerGroups ? { customerGroups: keep.customerGroups } : {}),
    ...(keep.timeWindows ? { timeWindows: keep.timeWindows } : {}),
    ...(s.couponCode.trim() ? { couponCode: s.couponCode.trim() } : {}),
    ...(minBasket !== undefined ? { minBasketAmount: minBasket } : {}),
  };
  const target = {
    ...(item && s.productIds.length > 0 ? { productIds: s.productIds } : {}),
    ...(item && s.categoryIds.length > 0 ? { categoryIds: s.categoryIds } : {}),
    ...(item && original?.target?.variantIds ? { variantIds: original.target.variantIds } : {}),
  };
  return {
    ok: true,
    body: {
      storeId,
      name: s.name.trim(),
      active: s.active,
      startsAt,
      endsAt,
      priority,
      exclusive: s.exclusive,
      target,
      conditions,
      effect: effect!,
    },
  };
}
