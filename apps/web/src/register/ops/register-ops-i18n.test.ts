import { describe, expect, it } from 'vitest';
import de from '../../i18n/locales/de/register-ops.json';
import en from '../../i18n/locales/en/register-ops.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('register-ops translations', () => {
  it('English and German have exactly the same keys under one top-level key', () => {
    expect(Object.keys(en)).toEqual(['registerOps']);
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('has no empty sentence', () => {
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? values(v as object) : [String(v)]));
    expect([...values(en), ...values(de)].filter((v) => v.trim() === '')).toEqual([]);
  });
});
