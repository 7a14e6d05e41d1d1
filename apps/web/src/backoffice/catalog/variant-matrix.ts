// The variant option matrix: options (size, colour, …) with values, multiplied out into variants.

export interface OptionAxis {
  name: string;
  values: string[];
}

export interface VariantDraft {
  key: string;
  options: Record<string, string>;
  sku: string;
  barcode: string;
  price: string;
}

/** Every combination of the axes' values, in axis order (size × colour → S/red, S/blue, M/red…). */
export function combinations(axes: readonly OptionAxis[]): Record<string, string>[] {
  const used = axes.filter((a) => a.name.trim() && a.values.length > 0);
  if (used.length === 0) return [];
  let out: Record<string, string>[] = [{}];
  for (const axis of used) {
    const next: Record<string, string>[] = [];
    for (const partial of out)
      for (const value of axis.values) next.push({ ...partial, [axis.name.trim()]: value });
    out = next;
  }
  return out;
}

/** Stable identity of an option combination, independent of key order. */
export function optionsKey(options: Record<string, string>): string {
  return Object.keys(options)
    .sort()
    .map((k) => `${k}=${options[k]}`)
    .join('|');
}

/** "TSHIRT" + {Größe: "XL", Farbe: "Rot"} → "TSHIRT-XL-ROT" (the server allows A–Z 0–9 . _ - /). */
export function suggestSku(baseSku: string, options: Record<string, string>): string {
  const parts = Object.values(options).map((v) =>
    v
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'SS')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  );
  return [baseSku.trim() || 'SKU', ...parts.filter(Boolean)].join('-').slice(0, 64);
}

/** Adds drafts for combinations not present yet (neither existing variants nor drafts). */
export function generateDrafts(
  axes: readonly OptionAxis[],
  baseSku: string,
  existing: readonly Record<string, string>[],
  drafts: readonly VariantDraft[],
): VariantDraft[] {
  const taken = new Set([...existing.map(optionsKey), ...drafts.map((d) => optionsKey(d.options))]);
  const added = combinations(axes)
    .filter((o) => !taken.has(optionsKey(o)))
    .map((options) => ({
      key: optionsKey(options),
      options,
      sku: suggestSku(baseSku, options),
      barcode: '',
      price: '',
    }));
  return [...drafts, ...added];
}

/** "Größe: XL · Farbe: Rot" */
export function describeOptions(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
}
