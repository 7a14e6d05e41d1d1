import { describe, expect, it } from 'vitest';
import { CanonicalText, canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785 style)', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever the insertion order', () => {
    const a = { storeId: 's', seq: 1, payload: { total: 1299, lines: [{ qty: 1000, sku: 'A' }] } };
    const b = { payload: { lines: [{ sku: 'A', qty: 1000 }], total: 1299 }, seq: 1, storeId: 's' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('sorts by UTF-16 code units, as RFC 8785 does', () => {
    // RFC 8785 §3.2.3 example keys: "\u20ac" (€), "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"
    const obj = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const expectedOrder = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = `{${expectedOrder.map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k as keyof typeof obj])}`).join(',')}}`;
    expect(canonicalJson(obj)).toBe(expected);
  });

  it('serialises numbers and strings like ECMAScript JSON', () => {
    expect(canonicalJson([0, -0, 1e21, 1.5, -12345678901234, 'a"b\\c\n\u0001', 'Grüße €'])).toBe('[0,0,1e+21,1.5,-12345678901234,"a\\"b\\\\c\\n\\u0001","Grüße €"]');
  });

  it('leaves out undefined members, writes null for undefined array items and uses toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date('2026-01-01T00:00:00.000Z') })).toBe('{"b":[null],"c":"2026-01-01T00:00:00.000Z"}');
  });

  it('refuses values that have no canonical form', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/\$\.x is not a finite number/);
    expect(() => canonicalJson([Infinity])).toThrow(/finite/);
    expect(() => canonicalJson({ big: 1n })).toThrow(/unsupported type bigint/);
    expect(() => canonicalJson({ s: '\ud800' })).toThrow(/lone surrogate/);
  });

  it('embeds already-canonical text byte for byte as the value it stands for, and names the path of a refused value', () => {
    const payload = { z: [1, { b: 'ä€', a: null }], a: 'x', n: -0.5 };
    const entry = (p: unknown) => ({ seq: 7, payload: p, prevHash: '00' });
    expect(canonicalJson(entry(new CanonicalText(canonicalJson(payload))))).toBe(canonicalJson(entry(payload)));
    expect(() => canonicalJson({ a: [{ b: NaN }] })).toThrow('canonicalJson: $.a[0].b is not a finite number');
  });
});

