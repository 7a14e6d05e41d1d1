// The generated catalog the catalog and register benchmarks import: n products over 8 categories,
// one valid EAN-13 each (returned as `codes` for scan lookups), mixed 19 %/7 % tax.
export function productCsv(n, withCheckDigit) {
  const categories = ['Backwaren/Brot', 'Backwaren/Kuchen', 'Getränke/Kalt', 'Getränke/Heiß', 'Feinkost', 'Drogerie', 'Haushalt', 'Schreibwaren'];
  const lines = ['sku,name,price,tax_class,unit,category,barcodes,cost_price'];
  const codes = [];
  for (let i = 1; i <= n; i++) {
    const code = withCheckDigit(`4${String(100000000000 + i).slice(1)}`.slice(0, 12));
    codes.push(code);
    const cents = 49 + ((i * 37) % 5000);
    const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    lines.push(`SKU-${i},Artikel ${i} ${categories[i % 8].split('/').pop()},${price},${i % 3 === 0 ? 'reduced' : 'standard'},piece,${categories[i % 8]},${code},`);
  }
  return { csv: lines.join('\n') + '\n', codes };
}
