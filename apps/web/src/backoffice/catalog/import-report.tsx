import { useTranslation } from 'react-i18next';
import type { ImportError, ImportResult } from '../../lib/api/catalog-types';

const SHOWN_ERRORS = 500;

/** Counts and every bad row (row number as in a spreadsheet: the header is row 1). */
export function ImportReport({ report }: { report: ImportResult }) {
  const { t, i18n } = useTranslation();
  // Codes are translated with their parameters; a code this UI doesn't know yet (newer server) falls
  // back to the server's English reason.
  const known = (e: ImportError) => i18n.exists(`import.errors.${e.code}`);
  const reasonOf = (e: ImportError) =>
    known(e)
      ? t(`import.errors.${e.code}` as 'import.errors.required', {
          ...e.params,
          interpolation: { escapeValue: false },
        })
      : e.reason;
  const shown = report.errors.slice(0, SHOWN_ERRORS);
  return (
    <>
      <dl className="facts facts--compact" data-testid="import-counts">
        <div>
          <dt>{t('import.total')}</dt>
          <dd>{report.total}</dd>
        </div>
        <div>
          <dt>{t('import.valid')}</dt>
          <dd>{report.valid}</dd>
        </div>
        <div className={report.invalid > 0 ? 'is-bad' : undefined}>
          <dt>{t('import.invalid')}</dt>
          <dd>{report.invalid}</dd>
        </div>
      </dl>
      {report.errors.length === 0 ? (
        <p className="alert alert--success" role="status">
          {t('import.allValid')}
        </p>
      ) : (
        <>
          <p className="alert alert--error" role="status">
            {t('import.problems', { count: report.errors.length })}
          </p>
          <div className="table-wrap error-table">
            <table className="table table--compact" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('import.row')}
                  </th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.row}:${e.column}:${i}`} data-testid="import-error-row">
                    <td className="num">{e.row}</td>
                    <td>
                      <code>{e.column}</code>
                    </td>
                    <td {...(known(e) ? {} : { lang: 'en' })}>{reasonOf(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.errors.length > SHOWN_ERRORS && (
            <p className="hint">{t('import.moreErrors', { count: report.errors.length - SHOWN_ERRORS })}</p>
          )}
        </>
      )}
    </>
  );
}
