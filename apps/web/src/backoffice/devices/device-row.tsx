import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { devicesApi } from '../../lib/api/endpoints';
import type { Device } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';

type Mode = 'view' | 'rename' | 'confirm-revoke';

export function DeviceRow({ storeId, device }: { storeId: string; device: Device }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(device.name);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['devices', storeId] });

  const rename = useMutation({
    mutationFn: () => devicesApi.rename(device.id, name.trim()),
    onSuccess: async () => {
      await refresh();
      setMode('view');
    },
  });
  const revoke = useMutation({
    mutationFn: () => devicesApi.revoke(device.id),
    onSuccess: async () => {
      await refresh();
      setMode('view');
    },
  });
  const error = rename.error ?? revoke.error;
  const revoked = Boolean(device.revokedAt);

  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) rename.mutate();
  };

  return (
    <tr className={revoked ? 'is-revoked' : undefined} data-testid="device-row">
      <td>
        {mode === 'rename' ? (
          <form className="inline-form" onSubmit={onRename}>
            <label htmlFor={inputId} className="visually-hidden">
              {t('devices.newName')}
            </label>
            <input id={inputId} value={name} maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="button button--primary button--small" disabled={rename.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <strong>{device.name}</strong>
        )}
        {error && (
          <span className="field-error" role="alert">
            {errorMessage(error)}
          </span>
        )}
      </td>
      <td>{device.registerName}</td>
      <td>{formatDateTime(device.pairedAt, i18n.language)}</td>
      <td>{formatDateTime(device.lastSeenAt, i18n.language)}</td>
      <td>
        {revoked ? (
          <span className="badge badge--muted">{t('devices.revoked')}</span>
        ) : (
          <span className="badge badge--ok">{t('devices.active')}</span>
        )}
      </td>
      <td className="actions">
        {!revoked && mode === 'view' && (
          <>
            <button
              type="button"
              className="button button--small"
              aria-label={t('devices.renameDevice', { name: device.name })}
              onClick={() => {
                setName(device.name);
                setMode('rename');
              }}
            >
              {t('devices.rename')}
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              aria-label={t('devices.revokeDevice', { name: device.name })}
              onClick={() => setMode('confirm-revoke')}
            >
              {t('devices.revoke')}
            </button>
          </>
        )}
        {!revoked && mode === 'confirm-revoke' && (
          <span className="confirm" role="group" aria-label={t('devices.confirmRevoke', { name: device.name })}>
            <span className="confirm__text">{t('devices.confirmRevoke', { name: device.name })}</span>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('devices.confirmRevokeButton')}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
