import type { ScanResult } from './parse-scan.js';

/**
 * The catalog key a scan is looked up by: GTIN-14 for every GTIN (EAN-8/13, UPC, GS1 01), the
 * zero-valued GTIN of a variable-measure label, `plu:` / `int:` for the rest. The server stores the
 * same key per barcode (`barcodes.lookup_key`) and the offline register indexes by it, so both must
 * derive it here. `null`: a GS1 code without a GTIN identifies no product.
 */
export function scanLookupKey(s: ScanResult): string | null {
  switch (s.kind) {
    case 'gtin':
      return s.gtin14;
    case 'variable_measure':
      return `0${s.lookupGtin}`;
    case 'gs1':
      return s.gtin ?? null;
    case 'plu':
      return `plu:${s.plu}`;
    case 'unknown':
      return `int:${s.raw.trim()}`;
  }
}
