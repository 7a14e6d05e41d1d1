// X report (the shift so far) and Z report (the closed shift with counted cash and over/short).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { shiftsApi, type ShiftReport } from '../../lib/api/register-ops-endpoints';
import { formatDateTime } from '../../lib/format';
import { formatBp } from '../../lib/money';
import { overShort } from './cash-count';
import { useMoney, useOpsErrorMessage } from './ops-shared';

export function XReport({ shiftId, currency }: { shiftId: string; currency: string }) {
  const { t } = useTranslation();
  const errorMessage = useOpsErrorMessage();
  // Always fresh: an X report is read to check the drawer right now.
  const report = useQuery({ queryKey: ['registerOps', 'x-report', shiftId], queryFn: () => shiftsApi.xReport(shiftId), staleTime: 0 });
  if (report.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (report.isError) {
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(report.error)}
      </p>
    );
  }
  return <ShiftReportView report={report.data} currency={currency} onRefresh={() => void report.refetch()} />;
}

/** The Z report of a closed shift (e.g. the last one, after the panel was closed). */
export function ZReport({ shiftId, currency }: { shiftId: string; currency: string }) {
  const { t } = useTranslation();
  const errorMessage = useOpsErrorMessage();
  const report = useQuery({ queryKey: ['registerOps', 'z-report', shiftId], queryFn: () => shiftsApi.zReport(shiftId), staleTime: Infinity });
  if (report.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (report.isError) {
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(report.error)}
      </p>
    );
  }
  return <ShiftReportView report={report.data} currency={currency} />;
}

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div className={strong ? 'report-row report-row--strong' : 'report-row'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

export function ShiftReportView({ report, currency, onRefresh }: { report: ShiftReport; currency: string; onRefresh?: () => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const tenderName = useTenderName();
  const isZ = report.kind === 'Z';
  const diff = report.countedCash !== null ? overShort(report.countedCash, report.expectedCash) : null;
  const title = isZ ? t('registerOps.report.zTitle', { number: report.zNumber ?? '' }) : t('registerOps.report.xTitle');

  return (
    <section className="ops-section shift-report" data-testid={isZ ? 'z-report' : 'x-report'} aria-label={title}>
      <h3>{title}</h3>
      <p className="muted small">
        {t('registerOps.report.period', {
          from: formatDateTime(report.openedAt, i18n.language),
          to: report.closedAt ? formatDateTime(report.closedAt, i18n.language) : t('registerOps.report.now'),
        })}
      </p>
      {diff && (
        <div className={`over-short over-short--${diff.kind}`} role="status" data-testid="over-short">
          <span className="over-short__label">{t(`registerOps.report.${diff.kind}`)}</span>
          <span className="over-short__amount">{diff.kind === 'over' ? `+${fmt(diff.amount)}` : fmt(diff.amount)}</span>
        </div>
      )}
      <div className="report-columns">
        <dl className="report-block">
          <Row label={t('registerOps.report.openingFloat')} value={fmt(report.openingFloat)} />
          <Row label={t('registerOps.report.cashSales')} value={fmt(report.cash.cashTenders)} />
          <Row label={t('registerOps.report.changeGiven')} value={fmt(-report.cash.change)} />
          <Row label={t('registerOps.report.payIn')} value={fmt(report.cash.payIn.amount)} />
          <Row label={t('registerOps.report.payOut')} value={fmt(-(report.cash.payOut.amount + report.cash.bankDeposit.amount + report.cash.tipOut.amount))} />
          <Row label={t('registerOps.report.expected')} value={fmt(report.expectedCash)} strong testId="expected-cash" />
          {report.countedCash !== null && <Row label={t('registerOps.report.counted')} value={fmt(report.countedCash)} strong testId="counted-cash" />}
        </dl>
        <dl className="report-block">
          <Row label={t('registerOps.report.sales', { count: report.sales.count })} value={fmt(report.sales.amount)} />
          <Row label={t('registerOps.report.refunds', { count: report.refunds.count })} value={fmt(report.refunds.amount)} />
          <Row label={t('registerOps.report.discounts')} value={fmt(report.discounts.amount)} />
          <Row label={t('registerOps.report.voids', { count: report.voids.count })} value={fmt(report.voids.amount)} />
          {report.tenders.map((tender) => (
            <Row key={tender.tender} label={t('registerOps.report.tender', { tender: tenderName(tender.tender), count: tender.count })} value={fmt(tender.amount)} />
          ))}
          {report.taxes.map((tax) => (
            <Row key={tax.rateBp} label={t('registerOps.report.tax', { rate: formatBp(tax.rateBp, i18n.language) })} value={fmt(tax.tax)} />
          ))}
        </dl>
      </div>
      {onRefresh && (
        <button type="button" className="button button--large" onClick={onRefresh}>
          {t('registerOps.report.refresh')}
        </button>
      )}
    </section>
  );
}

function useTenderName(): (tender: string) => string {
  const { t } = useTranslation();
  return (tender) => {
    if (tender === 'cash' || tender === 'card' || tender === 'voucher') return t(`registerOps.tenders.${tender}`);
    return tender.startsWith('custom:') ? tender.slice('custom:'.length) : tender;
  };
}
