import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from './server';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../.test-output/screenshots/', import.meta.url));
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const OWNER = { email: 'owner@example.com', password: 'opentill-demo' };
export const CASHIER = { name: 'Chris', pin: '1234' };

/** One fresh demo server per worker (workers: 1 → one per run, restarted after a crash). */
export const test = base.extend<object, { server: RunningServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

/** Signs in to the back office through the UI. */
export async function loginOwner(page: Page): Promise<void> {
  await page.goto('/backoffice/login');
  await page.getByLabel(/^(Email|E-Mail)$/).fill(OWNER.email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(OWNER.password);
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await expect(page).toHaveURL(/\/backoffice$/);
}

/** Picks a UI language from the top bar or user menu select. */
export async function chooseLanguage(page: Page, lang: 'en' | 'de'): Promise<void> {
  await page.getByLabel(/^(Language|Sprache)$/).selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Mints a pairing code with the API (bearer token, no browser needed). */
export async function createPairingCodeViaApi(baseURL: string, registerName: string): Promise<string> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const stores = (await (await fetch(`${baseURL}/api/v1/stores`, { headers: auth })).json()) as {
    items: { id: string }[];
  };
  const storeId = stores.items[0]!.id;
  const registers = (await (await fetch(`${baseURL}/api/v1/stores/${storeId}/registers`, { headers: auth })).json()) as {
    items: { id: string; name: string }[];
  };
  const register = registers.items.find((r) => r.name === registerName);
  if (!register) throw new Error(`no register ${registerName}`);
  const res = await fetch(`${baseURL}/api/v1/registers/${register.id}/pairing-codes`, { method: 'POST', headers: auth });
  expect(res.status).toBe(201);
  return ((await res.json()) as { code: string }).code;
}

/** A separate browser profile, as a second physical device would be. */
export async function newDevice(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'de-DE',
    viewport: options.viewport ?? { width: 1024, height: 768 },
    serviceWorkers: 'block',
    timezoneId: 'Europe/Berlin',
  });
  return { context, page: await context.newPage() };
}
