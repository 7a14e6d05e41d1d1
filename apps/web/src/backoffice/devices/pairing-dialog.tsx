import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { devicesApi } from '../../lib/api/endpoints';
import type { Device, Register } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format';
import { formatCountdown, useNow } from '../../lib/use-now';

interface PairingDialogProps {
  register: Register;
  /** The store's device list, polled by the parent while this dialog is open. */
  devices: Device[];
  onClose: () => void;
}

export function PairingDialog({ register, devices, onClose }: PairingDialogProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Devices that existed before the code was shown; anything new for this register just paired.
  const [knownIds, setKnownIds] = useState(() => new Set(devices.map((d) => d.id)));
  const create = useMutation({ mutationFn: () => devicesApi.createPairingCode(register.id) });
  const requested = useRef(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Guard against StrictMode's double effect minting two codes.
    if (!requested.current) {
      requested.current = true;
      create.mutate();
    }
  }, [create]);

  const code = create.data;
  const expiresAt = code ? Date.parse(code.expiresAt) : NaN;
  const now = useNow(Boolean(code));
  const remaining = expiresAt - now;
  const expired = code !== undefined && remaining <= 0;
  const paired = devices.find((d) => d.registerId === register.id && !knownIds.has(d.id));

  return (
    <dialog
      ref={dialogRef}
      className="dialog pairing-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="pairing-dialog"
    >
      <h2 id={titleId}>{t('pairing.dialogTitle', { register: register.name })}</h2>
      {create.isPending && <p className="muted">{t('common.loading')}</p>}
      {create.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {paired && (
        <p className="alert alert--success" role="status">
          {t('pairing.paired', { name: paired.name })}
        </p>
      )}
      {code && !paired && (
        <div className="pairing-dialog__body">
          <img className="qr" src={code.qrDataUrl} alt={t('pairing.qrAlt', { register: register.name })} width={220} height={220} />
          <div className="pairing-dialog__code">
            <p className="muted">{t('pairing.enterCode')}</p>
            <p className={expired ? 'pairing-code pairing-code--expired' : 'pairing-code'} data-testid="pairing-code" aria-label={code.code.split('').join(' ')}>
              <span>{code.code.slice(0, 4)}</span>
              <span>{code.code.slice(4)}</span>
            </p>
            {expired ? (
              <p className="alert alert--warning" role="status">
                {t('pairing.expired')}
              </p>
            ) : (
              <p className="muted" data-testid="pairing-expiry">
                {t('pairing.validUntil', {
                  time: formatTime(code.expiresAt, i18n.language),
                  left: formatCountdown(remaining),
                })}
              </p>
            )}
            <p className="muted small">{t('pairing.howTo')}</p>
            <p className="small pair-url">{code.pairUrl}</p>
          </div>
        </div>
      )}
      <div className="dialog__actions">
        {(expired || paired) && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setKnownIds(new Set(devices.map((d) => d.id)));
              create.mutate();
            }}
          >
            {t('pairing.newCode')}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={() => dialogRef.current?.close()}>
          {t('common.done')}
        </button>
      </div>
    </dialog>
  );
}
