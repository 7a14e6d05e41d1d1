import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api/api-client';
import { useErrorMessage } from '../../lib/error-message';
import { formatMinor } from '../../lib/money';
import type { DeviceMe, Me } from '../../lib/api/types';
import { TopBar } from '../../shell/top-bar';
import { UserMenu } from '../../shell/user-menu';
import type { PinPrompt } from '../lock-state';
import { ManagerApprovalHost, requestManagerApproval, useManagerApprovalOpen, withManagerApproval } from '../ops/manager-approval';
import { RegisterOpsMenu } from '../ops/register-ops-menu';
import { PrinterStatusBadge } from '../printer/printer-status-badge';
import type { StoreSettings } from '../data/catalog-types';
import { allocateNumber, receiptPrefix } from '../data/outbox';
import { storeSettingsOf } from '../data/register-runtime';
import type { OutboxEntry } from '../data/register-db';
import { CartPanel } from './cart-panel';
import { useFavourites } from './favourites';
import { LineDialog } from './line-dialog';
import { PaidView } from './paid-view';
import { ParkedDialog } from './parked-dialog';
import { parkCart } from './parked';
import { ProductGrid } from './product-grid';
import { SyncBadge } from './sync-badge';
import { TenderPanel } from './tender-panel';
import { useCheckout } from './use-checkout';
import { useRuntime } from './use-runtime';
import { useShortcuts } from './use-shortcuts';
import { useWedgeScanner } from './wedge-scanner';
import { CheckoutPrompts, PromptBlocked } from './checkout-prompts';
import './sell.css';

const CameraScanner = lazy(() => import('./camera-scanner'));
const shiftKey = (registerId: string) => `opentill.register.shiftOpen.${registerId}`;

type Dialog = 'cartDiscount' | 'parked' | 'camera' | 'logoutBlocked' | 'lockOffline' | null;

export function SellScreen({
  me,
  device,
  onLeave,
}: {
  me: Me;
  device: DeviceMe;
  onLeave: (prompt: PinPrompt | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const store = device.store;
  const register = device.register;
  const [settings] = useState<StoreSettings>(() => storeSettingsOf(device));
  const { runtime, state } = useRuntime(register.id, settings);
  const co = useCheckout(runtime, settings, {
    registerName: register.name,
    cashierName: me.user.name,
    cashierId: me.user.id,
    catalogVersion: state.catalogVersion,
    catalogSeq: state.catalogSeq,
  });
  const fav = useFavourites(runtime.db);
  const money = useCallback(
    (a: number | null) => formatMinor(a, settings.currency, i18n.language),
    [settings.currency, i18n.language],
  );
  const searchRef = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editLine, setEditLine] = useState<string | null>(null);
  const [paidEntry, setPaidEntry] = useState<OutboxEntry | null>(null);
  // Sales need an open shift; remembered for offline starts (null = not known yet).
  const [shiftOpen, setShiftOpen] = useState<boolean | null>(() => {
    const v = localStorage.getItem(shiftKey(register.id));
    return v === null ? null : v === '1';
  });
  const canPrice = me.user.permissions.includes('sales.price.override');
  // Cash in/out and refunds of this register's sales go through the outbox (they work offline).
  const local = useMemo(
    () => ({ db: runtime.db, receiptPrefix: receiptPrefix(register.name), cashierName: me.user.name, recorded: () => runtime.recorded() }),
    [runtime, register.name, me.user.name],
  );
  const online = state.online;

  // Scans belong to the cart only while nothing else is on top of it: in the register panel or the
  // manager PIN dialog a scanned code (or a fast PIN + Enter) must not reach the cart behind it.
  const [opsOpen, setOpsOpen] = useState(false);
  const approvalOpen = useManagerApprovalOpen();
  useWedgeScanner(
    co.scan,
    co.mode !== 'tender' &&
      !opsOpen &&
      !approvalOpen &&
      dialog === null &&
      editLine === null &&
      co.weigh === null &&
      co.chooseVariant === null,
  );

  // Keep the paid view's "saved / on the server" honest as the outbox drains.
  useEffect(() => {
    if (!co.paid) return setPaidEntry(null);
    void runtime.db.outbox.get(co.paid.id).then((e) => setPaidEntry(e?.kind === 'sale' ? e : co.paid));
  }, [co.paid, runtime.db, state.pending]);

  const onShiftChange = useCallback(
    (shift: { status: string } | null) => {
      const open = shift?.status === 'open';
      setShiftOpen(open);
      localStorage.setItem(shiftKey(register.id), open ? '1' : '0');
    },
    [register.id],
  );

  /** A price override needs sales.price.override — or a manager's PIN, checked by the server when online. */
  const approveOverride = useCallback(
    async (lineId: string, price: number): Promise<boolean> => {
      if (canPrice) return true;
      const line = co.cart.lines.find((l) => l.id === lineId);
      if (!line) return false;
      const reason = t('sell.line.overrideReason', { amount: money(price) });
      if (!online) {
        const pin = await requestManagerApproval(reason);
        if (pin) co.overridePin.current = pin;
        return pin !== null;
      }
      let approved: string | null = null;
      const ok = await withManagerApproval(reason, async (pin) => {
        await api('/pricing/quote', {
          method: 'POST',
          body: {
            lines: [
              {
                productId: line.productId,
                ...(line.variantId ? { variantId: line.variantId } : {}),
                qty: line.qty,
                priceOverride: price,
              },
            ],
          },
          headers: { 'X-Override-Pin': pin },
        });
        approved = pin;
        return true;
      });
      if (ok && approved) co.overridePin.current = approved;
      return ok === true;
    },
    [canPrice, co.cart.lines, co.overridePin, money, online, t],
  );

  const confirmManager = useCallback(
    (reason: string) =>
      withManagerApproval(reason, async (pin) => {
        // Any override-checked request proves the PIN belongs to a manager of this store.
        const first = runtime.index.products.values().next().value;
        if (first)
          await api('/pricing/quote', {
            method: 'POST',
            body: { lines: [{ productId: first.id, qty: 1000, priceOverride: 0 }] },
            headers: { 'X-Override-Pin': pin },
          });
        return pin;
      }),
    [runtime.index],
  );

  const park = useCallback(async () => {
    if (co.cart.lines.length === 0 || co.mode !== 'sell') return;
    try {
      const where = await parkCart(runtime.db, co.cart, {
        cashierName: me.user.name,
        total: co.priced.ok ? co.priced.basket.totals.payable : 0,
        overridePin: co.overridePin.current,
      });
      co.dispatch({ type: 'clear' });
      co.overridePin.current = null;
      co.setNotice({
        kind: 'info',
        text: where === 'server' ? t('sell.parked.parkedServer') : t('sell.parked.parkedLocal'),
      });
    } catch (e) {
      co.setNotice({ kind: 'error', text: errorMessage(e) });
    }
  }, [co, errorMessage, me.user.name, runtime.db, t]);

  const logout = () => (state.pending > 0 ? setDialog('logoutBlocked') : onLeave(null));
  // A PIN can only be checked by the server: locking while offline would stop the register until it is back.
  const leaveFor = (prompt: PinPrompt) => (online ? onLeave(prompt) : setDialog('lockOffline'));

  useShortcuts(
    {
      F2: () => searchRef.current?.focus(),
      F4: () => (co.mode === 'sell' ? co.startTender() : undefined),
      F8: () => void park(),
      F9: () => setDialog('parked'),
      Escape: () => (co.mode === 'tender' && !co.busy ? (co.setPayments([]), co.setMode('sell')) : undefined),
    },
    dialog === null && editLine === null && !opsOpen && !approvalOpen,
  );

  const line = editLine ? co.cart.lines.find((l) => l.id === editLine) : undefined;
  const priced = co.priced.ok ? co.priced.basket : null;
  const noShift = shiftOpen === false;

  return (
    <div className="page page--register page--sell">
      <TopBar
        context={
          <span className="top-bar__title" data-testid="register-context">
            {store.name} · {register.name}
          </span>
        }
        right={
          <>
            <SyncBadge
              state={state}
              db={runtime.db}
              money={money}
              confirmManager={confirmManager}
              onRetry={() => runtime.kickSync(true)}
            />
            <PrinterStatusBadge registerId={register.id} />
            <RegisterOpsMenu
              registerId={register.id}
              storeId={store.id}
              pendingSales={state.pending}
              online={online}
              onShiftChange={onShiftChange}
              onOpenChange={setOpsOpen}
              allocateDocumentNumber={() => allocateNumber(runtime.db, receiptPrefix(register.name))}
              local={local}
            />
            <UserMenu
              name={me.user.name}
              role={me.user.role}
              context={`${store.name} · ${register.name}`}
              actions={[
                {
                  id: 'lock',
                  label: t('register.lock'),
                  onSelect: () => leaveFor({ kind: 'locked', name: me.user.name }),
                },
                {
                  id: 'switch',
                  label: t('register.switchCashier'),
                  onSelect: () => leaveFor({ kind: 'switch' }),
                },
                { id: 'logout', label: t('shell.logout'), onSelect: logout },
              ]}
            />
          </>
        }
      />
      <main id="main" className={`sell sell--${co.mode}`}>
        <h1 className="visually-hidden" data-testid="cashier-name">
          {t('register.hello', { name: me.user.name })}
        </h1>
        <div className="sell-banners">
          {!state.catalogReady && (
            <p className="alert alert--warning sell-banner" role="status" data-testid="catalog-loading">
              {state.catalogError && !online
                ? t('sell.catalog.offlineEmpty')
                : t('sell.catalog.loading', { count: state.catalogLoaded })}
            </p>
          )}
          {noShift && (
            <p className="alert alert--warning sell-banner" role="status" data-testid="no-shift">
              {t('sell.shift.none')}
            </p>
          )}
        </div>
        <ProductGrid
          index={runtime.index}
          version={state.catalogVersion}
          favourites={fav.ids}
          onToggleFavourite={fav.toggle}
          onPick={(p) => co.add(p, null, p.soldByWeight ? null : 1000)}
          money={money}
          searchRef={searchRef}
        />
        <aside className="sell-side">
          {co.notice && (
            <p
              className={co.notice.kind === 'error' ? 'alert alert--error' : 'alert alert--success'}
              role={co.notice.kind === 'error' ? 'alert' : 'status'}
              data-testid="sell-notice"
            >
              {co.notice.text}
            </p>
          )}
          {co.mode === 'paid' && paidEntry ? (
            <PaidView
              entry={paidEntry}
              synced={paidEntry.status === 'synced'}
              money={money}
              onNext={co.nextSale}
            />
          ) : co.mode === 'tender' && priced ? (
            <TenderPanel
              registerId={register.id}
              saleId={co.cart.id}
              total={priced.totals.payable}
              cashTotal={priced.totals.cashPayable}
              payments={co.payments}
              online={online}
              currency={settings.currency}
              money={money}
              busy={co.busy}
              onPayment={co.addPayment}
              onRemovePayment={(id) => co.setPayments(co.payments.filter((p) => p.id !== id))}
              onBack={() => (co.setPayments([]), co.setMode('sell'))}
            />
          ) : (
            <CartPanel
              cart={co.cart}
              basket={priced}
              pricingError={co.priced.ok ? null : co.priced.error.message}
              index={runtime.index}
              dispatch={co.dispatch}
              onEditLine={(l) => setEditLine(l.id)}
              money={money}
            >
              <div className="sell-cart__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => setDialog('cartDiscount')}
                  disabled={co.cart.lines.length === 0}
                >
                  {co.cart.cartDiscount ? t('sell.cart.changeDiscount') : t('sell.cart.discount')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void park()}
                  disabled={co.cart.lines.length === 0}
                  aria-keyshortcuts="F8"
                >
                  {t('sell.cart.park')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => setDialog('parked')}
                  aria-keyshortcuts="F9"
                >
                  {t('sell.cart.parked')}
                </button>
                {'mediaDevices' in navigator && (
                  <button
                    type="button"
                    className="button sell-camera-button"
                    onClick={() => setDialog('camera')}
                  >
                    {t('sell.camera.button')}
                  </button>
                )}
              </div>
              <button
                type="button"
                className="button button--primary button--large button--block sell-pay"
                disabled={co.cart.lines.length === 0 || !co.priced.ok || noShift || !state.catalogReady}
                onClick={co.startTender}
                aria-keyshortcuts="F4"
                data-testid="pay"
              >
                {t('sell.cart.pay', { amount: money(priced?.totals.payable ?? 0) })}
              </button>
            </CartPanel>
          )}
        </aside>
      </main>
      <ManagerApprovalHost />
      {line && (
        <LineDialog
          line={line}
          index={runtime.index}
          currency={settings.currency}
          dispatch={co.dispatch}
          approveOverride={approveOverride}
          onClose={() => setEditLine(null)}
        />
      )}
      <CheckoutPrompts co={co} currency={settings.currency} cartDiscount={dialog === 'cartDiscount'} onCartDiscountDone={() => setDialog(null)} />
      {dialog === 'parked' && (
        <ParkedDialog
          db={runtime.db}
          online={online}
          money={money}
          storeId={store.id}
          registerId={register.id}
          registerName={register.name}
          onResume={(cart) => {
            co.dispatch({ type: 'replace', cart });
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'camera' && (
        <Suspense fallback={null}>
          <CameraScanner onScan={co.scan} onClose={() => setDialog(null)} />
        </Suspense>
      )}
      {dialog === 'logoutBlocked' && (
        <PromptBlocked count={state.pending} online={online} onClose={() => setDialog(null)} />
      )}
      {dialog === 'lockOffline' && (
        <PromptBlocked count={0} online={false} reason="lock" onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

