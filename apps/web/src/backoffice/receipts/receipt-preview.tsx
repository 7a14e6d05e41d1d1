import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/error-message';
import { receiptKeys, receiptsApi, type PreviewItem } from './receipts-api';

/**
 * What the thermal printer prints: the server renders the sample receipt to ESC/POS and decodes the
 * bytes again, so this monospace view shows the printer's exact lines (logo and QR as placeholders
 * sized in print dots).
 */
export function EscPosPreview({ storeId, width, logoPng, version }: { storeId: string; width: 58 | 80; logoPng: string | null; version: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const preview = useQuery({ queryKey: [...receiptKeys.preview(storeId, width), version], queryFn: () => receiptsApi.escpos(storeId, width) });
  if (preview.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (preview.isError) return <p className="alert alert--error">{errorMessage(preview.error)}</p>;
  const { columns, size, codepage } = preview.data;
  // The paper fed before the cut is not part of the receipt.
  const items = [...preview.data.items];
  while (items.at(-1)?.kind === 'text' && (items.at(-1) as { text: string }).text === '') items.pop();
  return (
    <figure className="receipt-paper" style={{ ['--columns' as string]: columns }} data-testid={`preview-${width}`}>
      <div className="receipt-paper__roll" role="img" aria-label={t('receipts.template.paperLabel', { width })}>
        {items.map((item, i) => (
          <Item key={i} item={item} columns={columns} logoPng={logoPng} />
        ))}
      </div>
      <figcaption className="muted">{t('receipts.template.paperCaption', { columns, size, codepage })}</figcaption>
    </figure>
  );
}

function Item({ item, columns, logoPng }: { item: PreviewItem; columns: number; logoPng: string | null }) {
  const { t } = useTranslation();
  if (item.kind === 'text') {
    const cls = ['receipt-paper__line', item.bold && 'is-bold', item.tall && 'is-tall'].filter(Boolean).join(' ');
    return <div className={cls}>{item.text || '\u00a0'}</div>;
  }
  if (item.kind === 'image') {
    // 203 dpi: 8 dots per millimetre, a column is 12 dots wide.
    const ch = item.width / 12;
    return logoPng ? (
      <img className="receipt-paper__logo" alt={t('receipts.template.logo')} src={`data:image/png;base64,${logoPng}`} style={{ width: `${Math.min(ch, columns)}ch` }} />
    ) : null;
  }
  return (
    <div className="receipt-paper__qr" title={item.data}>
      <span>QR</span>
      <small>{item.data}</small>
    </div>
  );
}
