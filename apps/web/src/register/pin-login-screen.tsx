import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshMe } from '../auth/me-query';
import { ApiError, timeDetail } from '../lib/api/api-error';
import { authApi } from '../lib/api/endpoints';
import type { DeviceMe } from '../lib/api/types';
import { useErrorMessage } from '../lib/error-message';
import { formatCountdown, useNow } from '../lib/use-now';
import { getPinPrompt, setPinPrompt } from './lock-state';
import { PinPad } from './pin-pad';
import { LockIcon } from '../shell/lock-icon';

export function PinLoginScreen({ device }: { device: DeviceMe }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [prompt] = useState(getPinPrompt);

  const login = useMutation({
    mutationFn: (pin: string) => authApi.pinLogin(pin),
    onSuccess: async () => {
      setPinPrompt(null);
      setLockedUntil(null);
      await refreshMe(queryClient);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'pin_locked') {
        // Without a usable lockedUntil, hold the pad for a minute rather than not at all.
        setLockedUntil(timeDetail(error, 'lockedUntil') ?? Date.now() + 60_000);
      }
    },
  });

  const now = useNow(lockedUntil !== null);
  const lockRemaining = lockedUntil === null ? 0 : lockedUntil - now;
  const locked = lockRemaining > 0;
  const { mutate } = login;
  const onSubmit = useCallback((pin: string) => mutate(pin), [mutate]);

  // Once the lockout has run out, the old pin_locked error is no longer true.
  const showError = login.isError && !(errorCode(login.error) === 'pin_locked' && !locked);

  return (
    <div className="pin-screen">
      <div className="pin-screen__panel card">
        <p className="pin-screen__where" data-testid="register-where">
          {device.store.name} · {device.register.name}
        </p>
        <h1>
          {prompt?.kind === 'locked'
            ? t('pin.lockedBy', { name: prompt.name })
            : prompt?.kind === 'switch'
              ? t('pin.switchTitle')
              : t('pin.title')}
        </h1>
        <p className="muted">{t('pin.subtitle')}</p>
        <div className="pin-screen__message" aria-live="assertive">
          {locked ? (
            <p className="alert alert--error" role="alert" data-testid="pin-locked">
              <LockIcon />
              {t('pin.lockedFor', { time: formatCountdown(lockRemaining) })}
            </p>
          ) : (
            showError && (
              <p className="alert alert--error" role="alert" data-testid="pin-error">
                {errorMessage(login.error)}
              </p>
            )
          )}
        </div>
        <PinPad onSubmit={onSubmit} disabled={locked || login.isPending} />
      </div>
    </div>
  );
}

function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
