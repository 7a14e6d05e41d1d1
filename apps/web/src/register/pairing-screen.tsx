import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applyStoreLocale } from '../i18n/i18n';
import { getDeviceRejection, setDeviceToken } from '../lib/api/device-token';
import { devicesApi } from '../lib/api/endpoints';
import { useErrorMessage } from '../lib/error-message';
import { isCompletePairingCode, normalizePairingCode, PAIRING_CODE_LENGTH } from './pairing-code';

interface PairingScreenProps {
  /** From the QR code's /register/pair?code=… link; submitted automatically once. */
  initialCode?: string;
  onPaired?: () => void;
}

export function PairingScreen({ initialCode, onPaired }: PairingScreenProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const codeId = useId();
  const nameId = useId();
  const hintId = useId();
  const [code, setCode] = useState(() => normalizePairingCode(initialCode ?? ''));
  const [name, setName] = useState('');
  const [rejection] = useState(getDeviceRejection);

  const pair = useMutation({
    mutationFn: () => devicesApi.pair(normalizePairingCode(code), name.trim() || undefined),
    onSuccess: (result) => {
      // A fresh device must not inherit a session or cache from before.
      queryClient.clear();
      queryClient.setQueryData(['device', 'me'], {
        device: result.device,
        register: result.register,
        store: result.store,
      });
      applyStoreLocale(result.store.locale);
      setDeviceToken(result.deviceToken);
      onPaired?.();
    },
  });

  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (!autoSubmitted.current && initialCode && isCompletePairingCode(initialCode)) {
      autoSubmitted.current = true;
      pair.mutate();
    }
  }, [initialCode, pair]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (isCompletePairingCode(code)) pair.mutate();
  };

  return (
    <div className="pin-screen">
      <form className="card pairing-card" onSubmit={onSubmit}>
        <h1>{t('pairDevice.title')}</h1>
        <p className="muted">{t('pairDevice.subtitle')}</p>
        {rejection && !pair.isError && (
          <p className="alert alert--warning" role="status">
            {t(rejectionKey(rejection))}
          </p>
        )}
        <div className="field">
          <label htmlFor={codeId}>{t('pairDevice.code')}</label>
          <input
            id={codeId}
            className="code-input"
            value={code}
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-describedby={hintId}
            maxLength={PAIRING_CODE_LENGTH + 2}
            onChange={(e) => setCode(normalizePairingCode(e.target.value))}
          />
          <span id={hintId} className="hint">
            {t('pairDevice.codeHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={nameId}>{t('pairDevice.deviceName')}</label>
          <input
            id={nameId}
            value={name}
            maxLength={80}
            autoComplete="off"
            placeholder={t('pairDevice.deviceNamePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {pair.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(pair.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block button--large"
          disabled={!isCompletePairingCode(code) || pair.isPending}
        >
          {pair.isPending ? t('pairDevice.pairing') : t('pairDevice.submit')}
        </button>
      </form>
    </div>
  );
}

function rejectionKey(code: string) {
  return code === 'device_revoked' ? 'errors.device_revoked' : 'errors.device_unknown';
}
