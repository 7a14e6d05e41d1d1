/**
 * Lint-like guard: money, tax, pricing and barcode code must never use floating point for amounts.
 * Scans the non-test sources (comments stripped) for the usual ways floats sneak in.
 * The file system is reached through a dynamic import because packages/core is compiled without
 * Node typings (it must stay browser-safe); only this test, which runs under Node, touches it.
 */
import { describe, expect, it } from 'vitest';

interface FsLike {
  readdirSync(path: string, options: { recursive: true }): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}

const GUARDED_DIRS = ['money', 'tax', 'pricing', 'barcodes'];

const FORBIDDEN: { name: string; re: RegExp }[] = [
  { name: 'parseFloat', re: /\bparseFloat\b/ },
  { name: 'toFixed', re: /\.toFixed\s*\(/ },
  { name: 'toPrecision', re: /\.toPrecision\s*\(/ },
  { name: 'Math.round(', re: /\bMath\.round\s*\(/ },
  { name: 'Math.floor/ceil/trunc on amounts', re: /\bMath\.(floor|ceil|trunc)\s*\(/ },
  { name: 'decimal literal (e.g. 0.19)', re: /(?<![\w.$])\d+\.\d+(?![\w.])/ },
  { name: 'exponent literal (e.g. 1e-2)', re: /(?<![\w.$])\d+(\.\d+)?e[+-]?\d+\b/i },
];

/** Removes block and line comments (doc comments legitimately contain "0.347 kg" examples). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

export function findFloatUsage(source: string): string[] {
  const code = stripComments(source);
  const hits: string[] = [];
  code.split('\n').forEach((line, i) => {
    for (const { name, re } of FORBIDDEN)
      if (re.test(line)) hits.push(`line ${i + 1}: ${name}: ${line.trim()}`);
  });
  return hits;
}

describe('no floating point in money/tax/pricing/barcodes', () => {
  it('the detector catches the patterns it is meant to catch', () => {
    expect(findFloatUsage('const vat = gross * 0.19;')).toHaveLength(1);
    expect(findFloatUsage('x = parseFloat(s)')).toHaveLength(1);
    expect(findFloatUsage('s = n.toFixed(2)')).toHaveLength(1);
    expect(findFloatUsage('c = Math.round(a * 100)')).toHaveLength(1);
    expect(findFloatUsage('/** 0.347 kg × 23.90 €/kg */\nconst a = 1;')).toHaveLength(0);
    expect(findFloatUsage('const a = 1900; // 19 %, not 0.19')).toHaveLength(0);
  });

  it('scans the guarded source files and finds nothing', async () => {
    const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as FsLike;
    const here = (import.meta as unknown as { url: string }).url;
    // file:///work/…/src/x.test.ts → /work/…/src/ (file:///C:/… → C:/… on Windows)
    const root = decodeURIComponent(here.replace(/^file:\/\/(\/(?=[A-Za-z]:))?/, '').replace(/[^/]*$/, ''));
    let scanned = 0;
    const offences: string[] = [];
    for (const dir of GUARDED_DIRS) {
      const files = fs
        .readdirSync(`${root}${dir}`, { recursive: true })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
      for (const file of files) {
        scanned++;
        for (const hit of findFloatUsage(fs.readFileSync(`${root}${dir}/${file}`, 'utf8'))) {
          offences.push(`${dir}/${file} ${hit}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(3);
    expect(offences).toEqual([]);
  });
});
