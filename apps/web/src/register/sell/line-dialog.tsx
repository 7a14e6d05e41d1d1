import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minorToInput, parseMoneyInput, parsePercentInput } from '../../lib/money';
import type { CartLine } from '../data/cart';
import type { CatalogIndex } from '../data/catalog-index';
import type { CartAction } from './cart-state';
import { parseWeight, PromptDialog } from './prompt-dialog';

type Prompt = 'qty' | 'discount' | 'discountAmount' | 'price' | 'note' | null;

interface LineDialogProps {
  line: CartLine;
  index: CatalogIndex;
  currency: string;
  dispatch: (a: CartAction) => void;
  /** Asks a manager when the cashier may not override prices; false when refused/cancelled. */
  approveOverride: (lineId: string, price: number) => Promise<boolean>;
  onClose: () => void;
}

/** Everything one can do to a cart line: quantity or weight, discount, price, note, modifiers, remove. */
export function LineDialog({ line, index, currency, dispatch, approveOverride, onClose }: LineDialogProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [prompt, setPrompt] = useState<Prompt>(null);
  const product = index.products.get(line.productId);
  const weighed = product?.unit !== 'piece';
  const groups = (product?.modifierGroupIds ?? []).flatMap((g) => index.modifierGroups.get(g) ?? []);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const toggleModifier = (id: string) => {
    const next = line.modifierOptionIds.includes(id)
      ? line.modifierOptionIds.filter((x) => x !== id)
      : [...line.modifierOptionIds, id];
    dispatch({ type: 'modifiers', lineId: line.id, optionIds: next });
  };

  return (
    <dialog
      ref={ref}
      className="sell-dialog sell-dialog--wide"
      aria-labelledby={titleId}
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 id={titleId}>{product?.name}</h2>
      <div className="sell-actions">
        <button type="button" className="button button--large" onClick={() => setPrompt('qty')}>
          {weighed ? t('sell.line.weight') : t('sell.line.quantity')}
        </button>
        <button type="button" className="button button--large" onClick={() => setPrompt('discount')}>
          {t('sell.line.discountPercent')}
        </button>
        <button type="button" className="button button--large" onClick={() => setPrompt('discountAmount')}>
          {t('sell.line.discountAmount')}
        </button>
        <button type="button" className="button button--large" onClick={() => setPrompt('price')}>
          {t('sell.line.price')}
        </button>
        <button type="button" className="button button--large" onClick={() => setPrompt('note')}>
          {t('sell.line.note')}
        </button>
        <button
          type="button"
          className="button button--large button--danger"
          onClick={() => {
            dispatch({ type: 'remove', lineId: line.id });
            onClose();
          }}
        >
          {t('sell.line.remove')}
        </button>
      </div>
      {groups.map((g) => (
        <fieldset key={g.id} className="sell-modifiers">
          <legend>{g.name}</legend>
          {g.options.map((o) => (
            <label key={o.id} className="sell-modifier">
              <input
                type="checkbox"
                checked={line.modifierOptionIds.includes(o.id)}
                onChange={() => toggleModifier(o.id)}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      ))}
      {(line.discount || line.priceOverride !== undefined) && (
        <div className="button-row">
          {line.discount && (
            <button
              type="button"
              className="button"
              onClick={() => dispatch({ type: 'lineDiscount', lineId: line.id, discount: undefined })}
            >
              {t('sell.line.clearDiscount')}
            </button>
          )}
          {line.priceOverride !== undefined && (
            <button
              type="button"
              className="button"
              onClick={() => dispatch({ type: 'override', lineId: line.id, price: undefined })}
            >
              {t('sell.line.clearPrice')}
            </button>
          )}
        </div>
      )}
      <div className="button-row sell-dialog__footer">
        <button type="button" className="button button--primary button--large" onClick={onClose}>
          {t('sell.common.done')}
        </button>
      </div>

      {prompt === 'qty' && (
        <PromptDialog
          title={product?.name ?? ''}
          label={weighed ? t('sell.line.weightLabel') : t('sell.line.quantity')}
          hint={weighed ? t('sell.line.weightHint') : undefined}
          initial={weighed ? '' : String(line.qty / 1000)}
          onCancel={() => setPrompt(null)}
          onSubmit={(v) => {
            const qty = weighed
              ? parseWeight(v)
              : /^\d{1,5}$/.test(v.trim())
                ? Number(v.trim()) * 1000
                : null;
            if (!qty) return t('sell.line.badQuantity');
            dispatch({ type: 'qty', lineId: line.id, qty });
            setPrompt(null);
            return null;
          }}
        />
      )}
      {prompt === 'discount' && (
        <PromptDialog
          title={t('sell.line.discountPercent')}
          label={t('sell.line.percentLabel')}
          onCancel={() => setPrompt(null)}
          onSubmit={(v) => {
            const p = parsePercentInput(v);
            if (!p.ok || p.value === 0) return t('sell.line.badPercent');
            dispatch({ type: 'lineDiscount', lineId: line.id, discount: { percentBp: p.value } });
            setPrompt(null);
            return null;
          }}
        />
      )}
      {prompt === 'discountAmount' && (
        <PromptDialog
          title={t('sell.line.discountAmount')}
          label={t('sell.line.amountLabel')}
          onCancel={() => setPrompt(null)}
          onSubmit={(v) => {
            const m = parseMoneyInput(v, currency);
            if (!m.ok || m.value === 0) return t('sell.line.badAmount');
            dispatch({ type: 'lineDiscount', lineId: line.id, discount: { amount: m.value } });
            setPrompt(null);
            return null;
          }}
        />
      )}
      {prompt === 'price' && (
        <PromptDialog
          title={t('sell.line.price')}
          label={t('sell.line.priceLabel')}
          hint={t('sell.line.priceHint')}
          initial={
            line.priceOverride !== undefined ? minorToInput(line.priceOverride, currency, i18n.language) : ''
          }
          onCancel={() => setPrompt(null)}
          onSubmit={async (v) => {
            const m = parseMoneyInput(v, currency);
            if (!m.ok) return t('sell.line.badAmount');
            setPrompt(null);
            if (await approveOverride(line.id, m.value))
              dispatch({ type: 'override', lineId: line.id, price: m.value });
            return null;
          }}
        />
      )}
      {prompt === 'note' && (
        <PromptDialog
          title={t('sell.line.note')}
          label={t('sell.line.noteLabel')}
          inputMode="text"
          initial={line.note ?? ''}
          onCancel={() => setPrompt(null)}
          onSubmit={(v) => {
            dispatch({ type: 'note', lineId: line.id, note: v.trim().slice(0, 200) });
            setPrompt(null);
            return null;
          }}
        />
      )}
    </dialog>
  );
}
