/**
 * Asks for a manager's PIN for an action the cashier lacks permission for (price override, line
 * removal, refunds, discounts over the limit). Resolves with the PIN to send as `X-Override-Pin`, or
 * null when cancelled. The sell screen mounts <ManagerApprovalHost/> once.
 *
 * Prefer `withManagerApproval(reason, pin => request(pin))`: it re-opens the pad with the server's
 * answer after a wrong PIN (attempts left, "may not approve", lockout) until the request goes
 * through or the cashier cancels.
 */
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api/api-error';
import { useErrorMessage } from '../../lib/error-message';
import { formatCountdown, useNow } from '../../lib/use-now';
import { PinPad } from '../pin-pad';
import { ApprovalQueue, approveAndRun, lockedUntil, type ApprovalRequest } from './approval-state';
import './register-ops-widgets.css';

const queue = new ApprovalQueue();

export function requestManagerApproval(reason: string, options: { error?: unknown } = {}): Promise<string | null> {
  return queue.request(reason, options.error instanceof ApiError ? options.error : null);
}

/** Runs `action` with a manager's PIN, asking again after a wrong one; null when cancelled. */
export function withManagerApproval<T>(reason: string, action: (pin: string) => Promise<T>): Promise<T | null> {
  return approveAndRun(queue, reason, action);
}

/** True while the approval pad is showing (keyboard-wedge scanners should pause meanwhile). */
export function useManagerApprovalOpen(): boolean {
  return useSyncExternalStore(queue.subscribe, () => queue.current() !== null, () => false);
}

export function ManagerApprovalHost() {
  const current = useSyncExternalStore(queue.subscribe, queue.current, queue.current);
  useEffect(() => () => queue.cancelAll(), []);
  if (!current) return null;
  // Keyed by request, so every request starts with an empty pad.
  return <ApprovalDialog key={current.id} request={current} />;
}

function ApprovalDialog({ request }: { request: ApprovalRequest }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const until = lockedUntil(request.error);
  const now = useNow(until !== null);
  const locked = until !== null && until > now;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Focus the title, not the first key: a manager typing the PIN and pressing Enter on a keyboard
    // must submit it, not press a focused digit key once more.
    titleRef.current?.focus();
  }, []);

  const message = (() => {
    const e = request.error;
    if (!e) return null;
    if (e.code === 'pin_locked') {
      return locked ? t('registerOps.approval.locked', { left: formatCountdown(until - now) }) : t('registerOps.approval.unlocked');
    }
    if (e.code === 'override_denied') return t('registerOps.approval.denied', { detail: e.message });
    return errorMessage(e);
  })();

  return (
    <dialog
      ref={dialogRef}
      className="dialog ops-dialog approval-dialog"
      aria-labelledby={titleId}
      data-testid="manager-approval"
      // Escape closes a <dialog> natively; the request must still be answered.
      onCancel={(e) => {
        e.preventDefault();
        queue.answer(request.id, null);
      }}
    >
      <h2 id={titleId} ref={titleRef} tabIndex={-1}>
        {t('registerOps.approval.title')}
      </h2>
      <p className="approval-dialog__reason" data-testid="approval-reason">
        {request.reason}
      </p>
      <p className="muted">{t('registerOps.approval.hint')}</p>
      <div className="approval-dialog__message" aria-live="assertive">
        {message && (
          <p className={locked ? 'alert alert--warning' : 'alert alert--error'} role="alert" data-testid="approval-error">
            {message}
          </p>
        )}
      </div>
      <PinPad disabled={locked} onSubmit={(pin) => queue.answer(request.id, pin)} />
      <div className="dialog__actions">
        <button type="button" className="button button--large" onClick={() => queue.answer(request.id, null)}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
