import type { Page } from '@playwright/test';
import { CASHIER, createPairingCodeViaApi, expect, newDevice, shot, test } from './fixtures';

/** Elements that make the page scroll sideways (empty when the layout fits). */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 10);
  });
}

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'register', width: 1024, height: 768 },
  { name: 'desktop', width: 1920, height: 1080 },
] as const;

test('no horizontal scrolling and the whole PIN pad fits at every target size', async ({ browser, baseURL }) => {
  const code = await createPairingCodeViaApi(baseURL!, 'Kasse 1');
  const { context, page } = await newDevice(browser, baseURL!, { locale: 'de-DE' });
  await page.goto(`/register/pair?code=${code}`);
  await expect(page.getByRole('heading', { name: 'PIN eingeben' })).toBeVisible();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const ok = page.getByRole('button', { name: 'OK', exact: true });
    await expect(ok).toBeInViewport({ ratio: 1 });
    expect(await horizontalOverflow(page)).toEqual([]);
    await shot(page, `responsive-pin-${size.name}`);
  }

  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cashier-name')).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await horizontalOverflow(page)).toEqual([]);
    await shot(page, `responsive-register-${size.name}`);
  }
  await context.close();
});

test('back office devices page at phone size', async ({ browser, baseURL }) => {
  const { context, page } = await newDevice(browser, baseURL!, { locale: 'en-US', viewport: { width: 390, height: 844 } });
  await page.goto('/backoffice/login');
  await page.getByLabel('Email').fill('owner@example.com');
  await page.getByLabel('Password').fill('opentill-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/backoffice$/);
  await page.goto('/backoffice/devices');
  await expect(page.getByRole('heading', { name: 'Demo Store Berlin' })).toBeVisible();
  expect(await horizontalOverflow(page)).toEqual([]);
  await shot(page, 'responsive-devices-phone');
  await page.getByRole('button', { name: 'Gerät mit Kasse 2 koppeln' }).click();
  await expect(page.getByTestId('pairing-code')).toBeVisible();
  await shot(page, 'responsive-pairing-phone');
  await context.close();
});
