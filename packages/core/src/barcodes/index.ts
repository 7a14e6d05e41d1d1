export { BarcodeError, type BarcodeErrorCode } from './barcode-error.js';
export {
  gs1CheckDigit,
  hasValidCheckDigit,
  validateGtin,
  withCheckDigit,
  toGtin14,
  expandUpcE,
  priceCheckDigit,
} from './check-digit.js';
export {
  type MeasureKind,
  type VariableMeasureRule,
  type VariableMeasureScan,
  GERMAN_VARIABLE_MEASURE_RULES,
  decodeVariableMeasure,
  encodeVariableMeasure,
} from './variable-measure.js';
export {
  type Gs1Element,
  type Gs1Scan,
  type Gs1Options,
  GS,
  GS1_SYMBOLOGY_IDS,
  parseElementString,
  parseGs1,
  gs1Date,
} from './gs1-element-string.js';
export {
  type StoreBarcodeConfig,
  type GtinFormat,
  type GtinScan,
  type PluScan,
  type UnknownScan,
  type ScanResult,
  type SafeScanResult,
  GERMAN_BARCODE_CONFIG,
  parseScan,
  safeParseScan,
} from './parse-scan.js';
export { scanLookupKey } from './lookup-key.js';
