/**
 * Documented CSV columns of the product import/export (README "Catalog import"). One row per
 * product, or one row per variant: rows sharing a `sku` with a `variant_sku` are that product's
 * variants, and product fields are taken from the first row of the SKU.
 */
export const CSV_COLUMNS = [
  'sku',
  'name',
  'price',
  'tax_class',
  'unit',
  'category',
  'barcodes',
  'cost_price',
  'variant_sku',
  'variant_options',
  'description',
  'status',
  'deposit_sku',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['sku', 'name', 'price', 'tax_class'];

export const COLUMN_HELP: Record<CsvColumn, string> = {
  sku: 'product SKU (required, unique)',
  name: 'product name (required)',
  price: 'selling price in the store currency, decimal point, e.g. 2.49 (required; per variant on variant rows)',
  tax_class: 'tax class code of the store country: standard, reduced, zero (required)',
  unit: 'piece (default), kg, l or m; kg/l/m are sold by measure',
  category: 'category path, levels separated by "/", e.g. Bakery/Bread (created if missing)',
  barcodes: 'EAN/UPC/PLU codes separated by "|" (check digits are verified)',
  cost_price: 'purchase price, decimal, optional',
  variant_sku: 'SKU of the variant on a variant row',
  variant_options: 'variant options as name=value pairs separated by ";", e.g. size=M;colour=blue',
  description: 'free text',
  status: 'active (default) or archived',
  deposit_sku: 'SKU of the deposit (Pfand) product linked to this one',
};
