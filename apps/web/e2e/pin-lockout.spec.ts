import { CASHIER, createPairingCodeViaApi, expect, newDevice, shot, test } from './fixtures';

test('five wrong PINs lock the pad and the right PIN is refused while locked', async ({ browser, baseURL }) => {
  // Kasse 2, so the lock cannot leak into the pairing test's register.
  const code = await createPairingCodeViaApi(baseURL!, 'Kasse 2');
  const { context, page } = await newDevice(browser, baseURL!, { locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('opentill.language', 'en'));

  // The QR code's link pairs on its own.
  await page.goto(`/register/pair?code=${code}`);
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole('heading', { name: 'Enter your PIN' })).toBeVisible();

  // Keyboard entry: digits + Enter.
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    const left = 5 - attempt;
    await expect(page.getByTestId('pin-error')).toHaveText(
      `Wrong PIN. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
    );
  }
  const fifth = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/pin-login'));
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  expect((await fifth).status()).toBe(423);

  const lock = page.getByTestId('pin-locked');
  await expect(lock).toContainText(/Too many wrong PINs\. The register is locked\. Try again in [45]:\d\d\./);
  await expect(page.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'OK', exact: true })).toBeDisabled();
  await shot(page, 'register-pin-locked-en');

  // A reload forgets the client-side countdown; the server still refuses the correct PIN.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Enter your PIN' })).toBeVisible();
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/pin-login'));
  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');
  const response = await refused;
  expect(response.status()).toBe(423);
  const body = (await response.json()) as { error: { code: string; details: { lockedUntil: string } } };
  expect(body.error.code).toBe('pin_locked');
  expect(Date.parse(body.error.details.lockedUntil)).toBeGreaterThan(Date.now());
  await expect(lock).toBeVisible();
  await expect(page.getByTestId('cashier-name')).toHaveCount(0);
  await context.close();
});
