import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput, parsePercentInput } from '../../lib/money';
import { parseWeight, PromptDialog } from './prompt-dialog';
import type { useCheckout } from './use-checkout';

interface CheckoutPromptsProps {
  co: ReturnType<typeof useCheckout>;
  currency: string;
  cartDiscount: boolean;
  onCartDiscountDone: () => void;
}

/** The small questions of a checkout: the weight of a weighed item, which variant, the sale discount. */
export function CheckoutPrompts({ co, currency, cartDiscount, onCartDiscountDone }: CheckoutPromptsProps) {
  const { t } = useTranslation();
  const weigh = co.weigh;
  const choose = co.chooseVariant;
  const variants = choose?.variants.filter((v) => v.status === 'active') ?? [];
  return (
    <>
      {weigh && (
        <PromptDialog
          title={weigh.product.name}
          label={t('sell.line.weightLabel')}
          hint={t('sell.line.weightHint')}
          onCancel={() => co.setWeigh(null)}
          onSubmit={(v) => {
            const qty = parseWeight(v);
            if (!qty) return t('sell.line.badQuantity');
            co.dispatch({ type: 'add', productId: weigh.product.id, variantId: weigh.variantId, qty, separate: true });
            co.setWeigh(null);
            return null;
          }}
        />
      )}
      {choose && (
        <PromptDialog
          title={choose.name}
          label={t('sell.line.variant')}
          hint={variants.map((v, i) => `${i + 1} = ${v.name}`).join(' · ')}
          inputMode="numeric"
          onCancel={() => co.setChooseVariant(null)}
          onSubmit={(v) => {
            const chosen = variants[Number(v) - 1];
            if (!chosen) return t('sell.line.badQuantity');
            co.setChooseVariant(null);
            co.add(choose, chosen.id, 1000);
            return null;
          }}
        />
      )}
      {cartDiscount && (
        <PromptDialog
          title={t('sell.cart.discount')}
          label={t('sell.cart.discountLabel')}
          hint={t('sell.cart.discountHint')}
          onCancel={onCartDiscountDone}
          onSubmit={(v) => {
            const text = v.trim();
            if (text === '' || text === '0') co.dispatch({ type: 'cartDiscount', discount: undefined });
            else if (text.endsWith('%')) {
              const p = parsePercentInput(text);
              if (!p.ok) return t('sell.line.badPercent');
              co.dispatch({ type: 'cartDiscount', discount: { percentBp: p.value } });
            } else {
              const m = parseMoneyInput(text, currency);
              if (!m.ok) return t('sell.line.badAmount');
              co.dispatch({ type: 'cartDiscount', discount: { amount: m.value } });
            }
            onCartDiscountDone();
            return null;
          }}
        />
      )}
    </>
  );
}

/** Why signing out (or, offline, locking) has to wait. */
export function PromptBlocked({ count, online, reason = 'logout', onClose }: { count: number; online: boolean; reason?: 'logout' | 'lock'; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="sell-dialog" aria-labelledby="logout-blocked-title" onCancel={(e) => (e.preventDefault(), onClose())} data-testid="logout-blocked">
      {reason === 'lock' ? (
        <>
          <h2 id="logout-blocked-title">{t('sell.lockOffline.title')}</h2>
          <p>{t('sell.lockOffline.text')}</p>
        </>
      ) : (
        <>
          <h2 id="logout-blocked-title">{t('sell.logoutBlocked.title')}</h2>
          <p>{t('sell.logoutBlocked.text', { count })}</p>
          <p className="muted">{online ? t('sell.logoutBlocked.online') : t('sell.logoutBlocked.offline')}</p>
        </>
      )}
      <div className="button-row sell-dialog__footer">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('sell.common.ok')}
        </button>
      </div>
    </dialog>
  );
}
