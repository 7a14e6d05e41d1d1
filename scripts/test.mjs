#!/usr/bin/env node
// OpenTill test runner (`npm test`).
//
//   0. npm run build -w packages/core (tests that spawn processes import @opentill/core from dist)
//   1. vitest run (projects core, server, web) — reporters: default + json → .test-output/vitest.json
//   2. browser suite: npm run build (all workspaces) + playwright test -c apps/web/playwright.config.ts
//      (the config's json reporter writes .test-output/playwright.json)
//   3. per-suite table, then exactly one final line: `N passed, N failed[, N skipped]`
//
// Databases: integration suites read TEST_DATABASE_URL themselves ([sqlite] always, [postgres] when set).
// With CI=true the PostgreSQL suite and the browser suite are mandatory: a missing TEST_DATABASE_URL or
// Chromium (/usr/bin/chromium or $CHROMIUM_PATH) fails the run. Outside CI they are skipped with a banner.
//
// Options (outside CI only): --no-browser   skip build + Playwright (banner)
// Any other arguments are passed to vitest (e.g. `npm test -- --project core`).
//
// Exit code: 0 only if nothing failed and no mandatory suite was missing.
/* global clearTimeout -- Node global; eslint.config.js only declares a few for .mjs */

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT_DIR = join(ROOT, '.test-output');
const VITEST_JSON = join(OUT_DIR, 'vitest.json');
const PLAYWRIGHT_JSON = join(OUT_DIR, 'playwright.json');
const PLAYWRIGHT_CONFIG = join(ROOT, 'apps', 'web', 'playwright.config.ts');
// Playwright resolves a reporter's relative outputFile against the config's folder: accept that too.
const PLAYWRIGHT_JSON_ALT = join(ROOT, 'apps', 'web', '.test-output', 'playwright.json');

const MIN = 60_000;
const TIMEOUTS = { vitest: 30 * MIN, build: 15 * MIN, playwright: 30 * MIN };

const CI = /^(true|1|yes)$/i.test(process.env.CI ?? '');
const args = process.argv.slice(2);
const noBrowserFlag = args.includes('--no-browser');
const vitestArgs = args.filter((a) => a !== '--no-browser' && a !== '--');

/** Problems that make the run fail even when no individual test failed. */
const problems = [];
/** Non-fatal notices repeated in the summary. */
const notices = [];

function banner(kind, lines) {
  const width = Math.max(72, ...lines.map((l) => l.length + 6));
  const bar = (kind === 'error' ? '#' : '!').repeat(width);
  const out = ['', bar, ...lines.map((l) => `${kind === 'error' ? '##' : '!!'}  ${l}`), bar, ''];
  // Always stdout: keeps banners in order with the summary when both streams go to one pipe.
  console.log(out.join('\n'));
}

function section(title) {
  console.log(`\n==> ${title}\n`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function localBin(name) {
  const bin = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  return existsSync(bin) ? [bin] : ['npx', '--no-install', name];
}

// If this script itself crashes, still end with a summary line that says the run failed.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (err) => {
    console.log(`\nscripts/test.mjs crashed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) {
      try {
        process.kill(-current.pid, sig);
      } catch {
        /* already gone */
      }
    }
    process.exit(130);
  });
}

/** Run a command with inherited stdio in its own process group; resolves to its exit code. */
function run(cmd, cmdArgs, { env = {}, timeoutMs, label }) {
  return new Promise((resolve) => {
    console.log(
      `$ ${[cmd, ...cmdArgs].map((a) => (isAbsolute(a) ? relative(ROOT, a) || '.' : a)).join(' ')}`,
    );
    const child = spawn(cmd, cmdArgs, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
      detached: process.platform !== 'win32',
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      banner('error', [`${label} exceeded ${Math.round(timeoutMs / MIN)} min — killing it`]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      current = null;
      console.error(`${label}: could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      if (timedOut) resolve(124);
      else resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

async function checkPostgres(url) {
  // Best effort: a clear message beats a hundred connection errors. Skipped if `pg` can't be resolved.
  let pg;
  try {
    const require = createRequire(join(ROOT, 'apps', 'server', 'package.json'));
    pg = require('pg');
  } catch {
    return { ok: true, checked: false };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const res = await client.query('select current_database() as db, version() as version');
    return {
      ok: true,
      checked: true,
      db: res.rows[0]?.db,
      version: String(res.rows[0]?.version ?? '').split(' on ')[0],
    };
  } catch (err) {
    return { ok: false, checked: true, error: err.message };
  } finally {
    await client.end().catch(() => {});
  }
}

function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

// ---------------------------------------------------------------- suites

const suites = {
  core: { label: 'core (vitest)', passed: 0, failed: 0, skipped: 0, note: '' },
  server: { label: 'server (vitest)', passed: 0, failed: 0, skipped: 0, note: '' },
  web: { label: 'web (vitest)', passed: 0, failed: 0, skipped: 0, note: '' },
  other: { label: 'other (vitest)', passed: 0, failed: 0, skipped: 0, note: '' },
  browser: { label: 'browser (playwright)', passed: 0, failed: 0, skipped: 0, note: '', ran: false },
};
const failures = [];

function projectOf(file) {
  const rel = relative(ROOT, file).split(sep).join('/');
  if (rel.startsWith('packages/core/')) return 'core';
  if (rel.startsWith('apps/server/')) return 'server';
  if (rel.startsWith('apps/web/')) return 'web';
  return 'other';
}

function tallyVitest(report) {
  const db = { sqlite: { ran: 0, total: 0 }, postgres: { ran: 0, total: 0 } };
  for (const file of report.testResults ?? []) {
    const suite = suites[projectOf(file.name ?? '')];
    const assertions = file.assertionResults ?? [];
    for (const a of assertions) {
      const name = [...(a.ancestorTitles ?? []), a.title].join(' > ');
      for (const kind of ['sqlite', 'postgres']) {
        if (name.includes(`[${kind}]`)) {
          db[kind].total++;
          if (a.status === 'passed' || a.status === 'failed') db[kind].ran++;
        }
      }
      if (a.status === 'passed') suite.passed++;
      else if (a.status === 'failed') {
        suite.failed++;
        failures.push(`${relative(ROOT, file.name)} › ${name}`);
      } else suite.skipped++; // skipped, pending, todo
    }
    // A file that failed without failing assertions (import error, hook failure): count it once.
    if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
      suite.failed++;
      const msg = String(file.message ?? '').split('\n')[0];
      failures.push(`${relative(ROOT, file.name)} (file failed${msg ? `: ${msg}` : ''})`);
    }
  }
  return db;
}

function tallyPlaywright(report) {
  const s = report.stats ?? {};
  const b = suites.browser;
  b.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  b.failed += s.unexpected ?? 0;
  b.skipped += s.skipped ?? 0;
  if (s.flaky) b.note = `${s.flaky} flaky (passed on retry)`;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected') {
          const proj = t.projectName ? `[${t.projectName}] ` : '';
          failures.push(`${proj}${spec.file ?? suite.file} › ${[...path, spec.title].join(' › ')}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const top of report.suites ?? []) walk(top, []);
  // Global errors (webServer failed to start, config error, …) that are not attributed to a test.
  for (const err of report.errors ?? []) {
    b.failed++;
    failures.push(`playwright: ${String(err.message ?? err).split('\n')[0]}`);
  }
}

// ---------------------------------------------------------------- preflight

mkdirSync(OUT_DIR, { recursive: true });
for (const stale of [VITEST_JSON, PLAYWRIGHT_JSON, PLAYWRIGHT_JSON_ALT]) rmSync(stale, { force: true });

const dbUrl = process.env.TEST_DATABASE_URL?.trim() || '';
const chromiumPath = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
const chromiumOk = isExecutable(chromiumPath);
const hasPlaywrightConfig = existsSync(PLAYWRIGHT_CONFIG);

section(`OpenTill tests (CI=${CI ? 'true' : 'false'}, node ${process.version})`);

let postgresMode = 'skip';
if (!dbUrl) {
  if (CI) {
    problems.push('TEST_DATABASE_URL is not set, but the PostgreSQL suite is mandatory under CI=true');
    banner('error', [
      'POSTGRESQL SUITE MISSING (CI=true)',
      'TEST_DATABASE_URL is not set. Under CI the [postgres] integration suite is mandatory.',
      'This run will FAIL. (.ci/run creates a database and exports TEST_DATABASE_URL.)',
    ]);
  } else {
    notices.push('PostgreSQL suite SKIPPED (TEST_DATABASE_URL not set)');
    banner('notice', [
      'POSTGRESQL SUITE SKIPPED — TEST_DATABASE_URL is not set.',
      'Server integration tests run on [sqlite] only. To include PostgreSQL:',
      '  createdb -h 127.0.0.1 -U postgres opentill_test',
      '  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/opentill_test npm test',
    ]);
  }
} else {
  const pg = await checkPostgres(dbUrl);
  if (!pg.ok) {
    const msg = `cannot connect to TEST_DATABASE_URL (${redactUrl(dbUrl)}): ${pg.error}`;
    if (CI) {
      problems.push(`PostgreSQL: ${msg}`);
      banner('error', ['POSTGRESQL UNREACHABLE (CI=true) — this run will FAIL', msg]);
    } else {
      notices.push(`PostgreSQL unreachable: ${pg.error}`);
      banner('notice', ['POSTGRESQL UNREACHABLE — [postgres] tests will likely fail', msg]);
    }
  } else if (pg.checked) {
    console.log(`PostgreSQL: ${redactUrl(dbUrl)} → database ${pg.db} (${pg.version})`);
  }
  postgresMode = 'run';
}

let browserMode = 'run';
if (noBrowserFlag) {
  if (CI) {
    problems.push('--no-browser is not allowed under CI=true (browser suite is mandatory)');
    banner('error', [
      '--no-browser given under CI=true: the browser suite is mandatory. This run will FAIL.',
    ]);
  } else {
    notices.push('Browser suite SKIPPED (--no-browser)');
    banner('notice', ['BROWSER SUITE SKIPPED (--no-browser): no build, no Playwright.']);
  }
  browserMode = 'skip';
} else if (!chromiumOk) {
  browserMode = 'skip';
  if (CI) {
    problems.push(`Chromium not found at ${chromiumPath}, but the browser suite is mandatory under CI=true`);
    banner('error', [
      'BROWSER SUITE MISSING (CI=true)',
      `Chromium not found/executable at ${chromiumPath} (set CHROMIUM_PATH or apt-get install -y chromium).`,
      'This run will FAIL.',
    ]);
  } else {
    notices.push(`Browser suite SKIPPED (no Chromium at ${chromiumPath})`);
    banner('notice', [
      `BROWSER SUITE SKIPPED — Chromium not found at ${chromiumPath}.`,
      'Install it (apt-get install -y chromium) or set CHROMIUM_PATH to run the Playwright suite.',
    ]);
  }
} else if (!hasPlaywrightConfig) {
  browserMode = 'skip';
  const rel = relative(ROOT, PLAYWRIGHT_CONFIG);
  if (CI) {
    problems.push(`${rel} is missing, but the browser suite is mandatory under CI=true`);
    banner('error', ['BROWSER SUITE MISSING (CI=true)', `${rel} does not exist. This run will FAIL.`]);
  } else {
    notices.push(`Browser suite SKIPPED (${rel} missing)`);
    banner('notice', [`BROWSER SUITE SKIPPED — ${rel} does not exist yet.`]);
  }
}

// ---------------------------------------------------------------- 1. vitest

// Vitest resolves @opentill/core to its sources (alias), but tests that spawn a child process
// (e.g. the CLI via tsx) resolve it through the package's exports, i.e. packages/core/dist.
// A fresh clone has no dist, so build core first (a few seconds).
section('Build packages/core (for tests that spawn processes importing @opentill/core)');
const coreBuildCode = await run('npm', ['run', 'build', '-w', 'packages/core'], {
  label: 'core build',
  timeoutMs: TIMEOUTS.build,
});
if (coreBuildCode !== 0) {
  suites.core.failed++;
  failures.push(`npm run build -w packages/core exited ${coreBuildCode}`);
}

section('Unit & integration tests (vitest: core, server, web)');
const [vitestCmd, ...vitestPre] = localBin('vitest');
const vitestCode = await run(
  vitestCmd,
  [
    ...vitestPre,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_JSON}`,
    ...vitestArgs,
  ],
  { label: 'vitest', timeoutMs: TIMEOUTS.vitest },
);
const vitestReport = readJson(VITEST_JSON);
let dbCounts = null;
if (!vitestReport) {
  problems.push(`vitest exited ${vitestCode} and wrote no report (${relative(ROOT, VITEST_JSON)})`);
  suites.other.failed++;
  failures.push(`vitest: no JSON report (exit code ${vitestCode})`);
} else {
  dbCounts = tallyVitest(vitestReport);
  const vitestFailed = suites.core.failed + suites.server.failed + suites.web.failed + suites.other.failed;
  if (vitestCode !== 0 && vitestFailed === 0) {
    // e.g. unhandled errors / rejections during the run, or no test files found.
    suites.other.failed++;
    failures.push(`vitest exited ${vitestCode} although no test failed (unhandled error? see output above)`);
  }
}

if (dbCounts) {
  const { sqlite, postgres } = dbCounts;
  if (sqlite.total) suites.server.note += `[sqlite] ${sqlite.ran} ran`;
  if (postgres.total || postgresMode === 'run') {
    suites.server.note += `${suites.server.note ? ', ' : ''}[postgres] ${postgres.ran} ran`;
    if (postgres.total > postgres.ran) suites.server.note += ` (${postgres.total - postgres.ran} skipped)`;
  }
  if (CI && postgres.total > 0 && postgres.ran === 0) {
    problems.push(
      '[postgres] tests exist but none ran although CI=true (check how they read TEST_DATABASE_URL)',
    );
  }
  if (CI && postgres.total === 0) {
    notices.push('No [postgres] tests found in the server suites (none named with "[postgres]")');
  }
}

// ---------------------------------------------------------------- 2. browser suite

if (browserMode === 'run') {
  section('Build (all workspaces) for the browser suite');
  const buildCode = await run('npm', ['run', 'build'], { label: 'npm run build', timeoutMs: TIMEOUTS.build });
  if (buildCode !== 0) {
    suites.browser.failed++;
    suites.browser.note = 'build failed';
    failures.push(`npm run build exited ${buildCode}; Playwright not run`);
  } else {
    section('Browser tests (Playwright, Chromium)');
    const [pwCmd, ...pwPre] = localBin('playwright');
    const pwCode = await run(pwCmd, [...pwPre, 'test', '-c', PLAYWRIGHT_CONFIG], {
      label: 'playwright',
      timeoutMs: TIMEOUTS.playwright,
      // Fallback location for a json reporter without outputFile; CHROMIUM_PATH for the config.
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON, CHROMIUM_PATH: chromiumPath },
    });
    const reportPath = existsSync(PLAYWRIGHT_JSON) ? PLAYWRIGHT_JSON : PLAYWRIGHT_JSON_ALT;
    const report = readJson(reportPath);
    if (!report) {
      suites.browser.failed++;
      suites.browser.note = 'no JSON report';
      failures.push(
        `playwright exited ${pwCode} and wrote no JSON report — apps/web/playwright.config.ts needs ` +
          `reporter ['json', { outputFile: '../../.test-output/playwright.json' }]`,
      );
    } else {
      suites.browser.ran = true;
      if (reportPath === PLAYWRIGHT_JSON_ALT) {
        notices.push(
          `Playwright report found at ${relative(ROOT, reportPath)} (expected ${relative(ROOT, PLAYWRIGHT_JSON)})`,
        );
      }
      tallyPlaywright(report);
      if (pwCode !== 0 && suites.browser.failed === 0) {
        suites.browser.failed++;
        failures.push(`playwright exited ${pwCode} although no test failed (see output above)`);
      }
      if (suites.browser.passed + suites.browser.failed === 0) {
        const msg = 'Playwright ran no test';
        if (CI) problems.push(`${msg} (browser suite is mandatory under CI=true)`);
        else notices.push(msg);
      }
    }
  }
} else {
  suites.browser.note = 'SKIPPED';
}

// ---------------------------------------------------------------- summary

const rows = Object.entries(suites).filter(
  ([key, s]) => key !== 'other' || s.passed + s.failed + s.skipped > 0,
);
const total = { passed: 0, failed: 0, skipped: 0 };
for (const [, s] of rows) {
  total.passed += s.passed;
  total.failed += s.failed;
  total.skipped += s.skipped;
}
// A missing mandatory suite counts as a failure so that the final line agrees with the exit code.
total.failed += problems.length;

const pad = (v, n) => String(v).padStart(n);
const lines = [
  `${'Suite'.padEnd(22)}${pad('Passed', 8)}${pad('Failed', 8)}${pad('Skipped', 9)}  Notes`,
  '-'.repeat(78),
  ...rows.map(([, s]) =>
    `${s.label.padEnd(22)}${pad(s.passed, 8)}${pad(s.failed, 8)}${pad(s.skipped, 9)}  ${s.note}`.trimEnd(),
  ),
  '-'.repeat(78),
  `${'total'.padEnd(22)}${pad(total.passed, 8)}${pad(total.failed, 8)}${pad(total.skipped, 9)}${problems.length ? `  (incl. ${problems.length} run problem${problems.length > 1 ? 's' : ''})` : ''}`,
];
section('Summary');
console.log(lines.join('\n'));

if (failures.length) {
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures.slice(0, 50)) console.log(`  ✗ ${f}`);
  if (failures.length > 50) console.log(`  … and ${failures.length - 50} more`);
}
if (notices.length) {
  banner('notice', notices);
}
if (problems.length) {
  banner('error', ['RUN FAILED — mandatory suites/reports missing:', ...problems]);
}

const finalLine = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
console.log(finalLine);
process.exitCode = total.failed > 0 ? 1 : 0;
