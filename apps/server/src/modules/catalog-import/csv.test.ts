import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, toCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, quotes and newlines, CRLF and a BOM', () => {
    const text = '\ufeffsku,name\r\nA1,"Brezel, groß"\r\nA2,"Der ""beste"" Kaffee"\nA3,"zwei\nZeilen"\n';
    expect(parseCsv(text)).toEqual([
      ['sku', 'name'],
      ['A1', 'Brezel, groß'],
      ['A2', 'Der "beste" Kaffee'],
      ['A3', 'zwei\nZeilen'],
    ]);
  });

  it('detects semicolon files as German Excel writes them', () => {
    expect(parseCsv('sku;name;price\nA1;Brot;2,49\n')).toEqual([
      ['sku', 'name', 'price'],
      ['A1', 'Brot', '2,49'],
    ]);
  });

  it('names the row of an unclosed quote', () => {
    expect(() => parseCsv('sku,name\nA1,ok\nA2,"broken\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('sku,name\nA1,ok\nA2,"broken\n');
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(3);
    }
  });

  it('round-trips what it writes', () => {
    const rows = [
      ['a', 'b,c', 'd"e'],
      ['1', '', 'x\ny'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
