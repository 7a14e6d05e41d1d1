#!/usr/bin/env node
// OpenTill benchmarks (`npm run bench`).
//
//   npm run bench                       run every bench/*.bench.mjs (file-name order), print one table
//   npm run bench -- --record           … and append a dated section to docs/benchmarks.md
//   npm run bench -- http               only benchmarks whose file name contains "http"
//   npm run bench -- --quick            short runs (smoke test of the benchmarks themselves)
//   npm run bench -- --duration=10      seconds per measured cell (benchmarks may interpret it)
//
// A benchmark module exports `async function run(ctx)` and returns rows
// `{ benchmark, metric, value, unit, target? }` — or prints its own table and returns nothing.
// ctx = { root, quick, options: { duration? }, log(msg) (stderr), machine }.
// Exit code is non-zero if any benchmark threw; --record then records nothing.

import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BENCH_DIR = join(ROOT, 'bench');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

const argv = process.argv.slice(2).filter((a) => a !== '--');
const record = argv.includes('--record');
const quick = argv.includes('--quick');
const durationArg = argv.find((a) => a.startsWith('--duration='));
const duration = durationArg ? Number(durationArg.slice('--duration='.length)) : undefined;
if (duration !== undefined && !(duration > 0 && duration <= 120)) {
  console.error(`--duration must be between 0 and 120 seconds, got ${durationArg}`);
  process.exit(2);
}
const unknown = argv.filter(
  (a) => a.startsWith('--') && !['--record', '--quick'].includes(a) && a !== durationArg,
);
if (unknown.length) {
  console.error(`unknown option(s): ${unknown.join(' ')}`);
  process.exit(2);
}
const filters = argv.filter((a) => !a.startsWith('--'));
if (record && quick) {
  console.error('--record with --quick would record smoke-test numbers; drop one of them');
  process.exit(2);
}

function git(...args) {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

const cpuList = cpus();
const machine = {
  date: new Date(),
  node: process.version,
  cpu: (cpuList[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
  cores: cpuList.length,
  os: `${platform()} ${release()} ${arch()}`,
  memGiB: Math.round(totalmem() / 2 ** 30),
  commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
  dirty: git('status', '--porcelain') !== '',
};

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmarks in bench/ match ${filters.join(', ') || '*.bench.mjs'}`);
  process.exit(2);
}

const dateStr = `${machine.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const header = [
  `date:    ${dateStr}`,
  `node:    ${machine.node}`,
  `cpu:     ${machine.cpu} × ${machine.cores} cores, ${machine.memGiB} GiB, ${machine.os}`,
  `commit:  ${machine.commit}${machine.dirty ? ' (uncommitted changes)' : ''}`,
];
console.log(header.join('\n'));
console.log(`running: ${files.join(', ')}${quick ? ' (--quick)' : ''}\n`);

const rows = [];
const failed = [];
for (const file of files) {
  const started = Date.now();
  log(`${file} …`);
  try {
    const mod = await import(pathToFileURL(join(BENCH_DIR, file)).href);
    if (typeof mod.run !== 'function') throw new Error('does not export async function run(ctx)');
    const result = await mod.run({
      root: ROOT,
      quick,
      options: { duration },
      log: (msg) => log(`  ${msg}`),
      machine,
    });
    for (const row of result ?? []) rows.push({ file, ...row });
    log(`${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    failed.push({ file, error: err instanceof Error ? err.message : String(err) });
    log(`${file} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  }
}

function fmt(value, unit) {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') return value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0);
  if (unit === '×' || unit === 'x' || unit === 'ratio') return value.toFixed(2);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

const tableRows = rows.map((r) => [
  r.benchmark,
  r.metric,
  fmt(r.value, r.unit),
  r.unit ?? '',
  r.target === undefined ? '' : String(r.target),
]);
const head = ['benchmark', 'metric', 'value', 'unit', 'target'];
const hasTarget = tableRows.some((r) => r[4] !== '');
const cols = hasTarget ? 5 : 4;

if (tableRows.length) {
  const widths = head.slice(0, cols).map((h, i) => Math.max(h.length, ...tableRows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .slice(0, cols)
      .map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of tableRows) console.log(line(r));
}
if (failed.length) {
  console.log(`\nFAILED: ${failed.map((f) => `${f.file}: ${f.error.split('\n')[0]}`).join('\n        ')}`);
}

if (record) {
  if (failed.length) {
    console.log('\nnot recording: some benchmarks failed');
  } else {
    const md = [
      '',
      `## ${dateStr}`,
      '',
      `- commit \`${machine.commit}\`${machine.dirty ? ' (with uncommitted changes)' : ''}, node ${machine.node}`,
      `- ${machine.cpu} × ${machine.cores} cores, ${machine.memGiB} GiB, ${machine.os}`,
      `- \`npm run bench -- --record${filters.length ? ` ${filters.join(' ')}` : ''}${duration ? ` --duration=${duration}` : ''}\`; benchmarks: ${files.map((f) => f.replace('.bench.mjs', '')).join(', ')}`,
      '',
      `| ${head.slice(0, cols).join(' | ')} |`,
      `|${head
        .slice(0, cols)
        .map((_, i) => (i === 2 ? '---:' : '---'))
        .join('|')}|`,
      ...tableRows.map(
        (r) =>
          `| ${r
            .slice(0, cols)
            .map((c) => c.replace(/\|/g, '\\|'))
            .join(' | ')} |`,
      ),
      '',
    ].join('\n');
    if (!existsSync(DOC))
      writeFileSync(
        DOC,
        '# Benchmarks\n\nRun with `npm run bench`; record with `npm run bench -- --record`.\n',
      );
    appendFileSync(DOC, md);
    console.log(`\nrecorded in ${DOC.replace(ROOT + '/', '')}`);
  }
}

process.exitCode = failed.length ? 1 : 0;
