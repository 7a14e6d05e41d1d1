import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../lib/api/endpoints';
import { useErrorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { toAuditView } from './audit-entry';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const audit = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => auditApi.list({ cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  const rows = audit.data?.pages.flatMap((p) => p.items).map(toAuditView) ?? [];

  return (
    <>
      <div className="page-header">
        <h1>{t('audit.title')}</h1>
        <p className="muted">{t('audit.subtitle')}</p>
      </div>
      {audit.isPending && <p className="muted">{t('common.loading')}</p>}
      {audit.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(audit.error)}
        </p>
      )}
      {audit.isSuccess && rows.length === 0 && <p className="card empty-state">{t('audit.empty')}</p>}
      {rows.length > 0 && (
        <div className="card table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">{formatDateTime(row.at, i18n.language)}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    {row.outcome && (
                      <span className={row.outcome === 'success' ? 'badge badge--ok' : 'badge badge--danger'}>
                        {row.outcome === 'success' ? t('audit.success') : row.outcome === 'failure' ? t('audit.failure') : row.outcome}
                      </span>
                    )}
                  </td>
                  <td>{row.actor}</td>
                  <td className="detail-cell">{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button"
            disabled={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            {audit.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
