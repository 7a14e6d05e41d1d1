import { BarcodeError, GERMAN_BARCODE_CONFIG, currencyExponent, parseScan, scanLookupKey, type ScanResult, type StoreBarcodeConfig } from '@opentill/core';
import { invalid, type AppError } from '../../platform/errors.js';

/** Barcode layout of a store: the German in-store (RCN) rules for DE, plain GTIN/PLU elsewhere. */
export function barcodeConfigFor(store: { country: string; currency: string }, now = new Date()): StoreBarcodeConfig {
  const base = store.country === 'DE' ? GERMAN_BARCODE_CONFIG : { variableMeasure: [], pluLengths: [4, 5] };
  return { ...base, currencyExponent: currencyExponent(store.currency), referenceYear: now.getUTCFullYear() };
}

export function barcodeError(err: BarcodeError, field: string): AppError {
  return invalid('invalid_barcode', err.message, { field, reason: err.code });
}

/** Runs the core scanner parser; a `BarcodeError` becomes `invalid_barcode` naming `field`. */
export function scan(raw: string, config: StoreBarcodeConfig, field: string): ScanResult {
  try {
    return parseScan(raw, config);
  } catch (err) {
    if (err instanceof BarcodeError) throw barcodeError(err, field);
    throw err;
  }
}

export interface NormalizedBarcode {
  code: string;
  lookupKey: string;
  kind: string;
}

/** Validates a code being added to the catalog and derives its lookup key and kind. */
export function normalizeBarcode(raw: string, config: StoreBarcodeConfig, field: string): NormalizedBarcode {
  const s = scan(raw, config, field);
  const key = scanLookupKey(s);
  switch (s.kind) {
    case 'gtin':
      return { code: s.gtin, lookupKey: key!, kind: s.format };
    case 'variable_measure':
      // Stored with the value zeroed: every label of the article (any weight/price) finds it.
      return { code: s.lookupGtin, lookupKey: key!, kind: `variable_${s.measure}` };
    case 'gs1':
      if (!s.gtin) throw invalid('invalid_barcode', 'A GS1 code without GTIN (01) cannot identify a product', { field, reason: 'format' });
      return { code: s.gtin, lookupKey: key!, kind: 'gtin14' };
    case 'plu':
      return { code: s.plu, lookupKey: key!, kind: 'plu' };
    case 'unknown':
      return { code: s.raw.trim(), lookupKey: key!, kind: 'internal' };
  }
}
