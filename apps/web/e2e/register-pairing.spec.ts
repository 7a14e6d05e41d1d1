import { CASHIER, chooseLanguage, expect, loginOwner, newDevice, shot, test } from './fixtures';

test('owner pairs Kasse 1, Chris signs in by PIN, the owner revokes the device', async ({ page, browser, baseURL }) => {
  // --- Back office: mint a pairing code for Kasse 1 ---
  await loginOwner(page);
  await page.getByRole('link', { name: 'Kassen & Geräte', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Demo Store Berlin' })).toBeVisible();
  await page.getByRole('button', { name: 'Gerät mit Kasse 1 koppeln' }).click();
  const dialog = page.getByTestId('pairing-dialog');
  await expect(dialog.getByRole('img', { name: /QR-Code/ })).toBeVisible();
  await expect(dialog.getByTestId('pairing-expiry')).toContainText('Gültig bis');
  await shot(page, 'devices-pairing-qr-de');
  await dialog.getByRole('button', { name: 'Fertig' }).click();

  // Same again in English; this second code is the one the device uses.
  await page.getByTestId('user-menu-button').click();
  await chooseLanguage(page, 'en');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Pair device with Kasse 1' }).click();
  await expect(dialog.getByRole('img', { name: /QR code/ })).toBeVisible();
  const codeText = (await dialog.getByTestId('pairing-code').textContent()) ?? '';
  const code = codeText.replace(/[^A-Z0-9]/g, '');
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expect(dialog.getByTestId('pairing-expiry')).toContainText(/Valid until .+ \((9|10):\d\d left\)\. Single use\./);
  await shot(page, 'devices-pairing-qr-en');

  // --- A second device (fresh browser profile) pairs with the code ---
  const register = await newDevice(browser, baseURL!, { locale: 'de-DE' });
  const reg = register.page;
  await reg.goto('/register');
  await expect(reg.getByRole('heading', { name: 'Dieses Gerät koppeln' })).toBeVisible();
  await reg.getByLabel('Kopplungscode').fill(code.toLowerCase().replace(/(.{4})/, '$1 '));
  await reg.getByLabel('Gerätename (optional)').fill('Theke vorne');
  await reg.getByRole('button', { name: 'Gerät koppeln' }).click();

  // --- PIN pad (German: the store is de-DE) ---
  await expect(reg.getByRole('heading', { name: 'PIN eingeben' })).toBeVisible();
  await expect(reg.getByTestId('register-where')).toHaveText('Demo Store Berlin · Kasse 1');
  for (const name of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'Löschen', 'OK']) {
    await expect(reg.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await reg.getByRole('button', { name: '9', exact: true }).click();
  await reg.getByRole('button', { name: '9', exact: true }).click();
  await expect(reg.locator('.pin-dot--filled')).toHaveCount(2);
  await shot(reg, 'register-pin-pad-de');
  await reg.getByRole('button', { name: 'Löschen' }).click();
  await reg.getByRole('button', { name: 'Löschen' }).click();
  await expect(reg.locator('.pin-dot--filled')).toHaveCount(0);
  await chooseLanguage(reg, 'en');
  await expect(reg.getByRole('heading', { name: 'Enter your PIN' })).toBeVisible();
  await expect(reg.getByRole('button', { name: 'Delete' })).toBeVisible();
  await shot(reg, 'register-pin-pad-en');

  for (const digit of CASHIER.pin) await reg.getByRole('button', { name: digit, exact: true }).click();
  await reg.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(reg.getByTestId('cashier-name')).toHaveText(`Hello, ${CASHIER.name}`);
  await expect(reg.getByTestId('register-context')).toHaveText('Demo Store Berlin · Kasse 1');
  await shot(reg, 'register-home-en');
  await reg.getByTestId('user-menu-button').click();
  await chooseLanguage(reg, 'de');
  await expect(reg.getByTestId('cashier-name')).toHaveText(`Hallo, ${CASHIER.name}`);
  await reg.getByTestId('user-menu-button').click(); // close
  await shot(reg, 'register-home-de');

  // Lock → PIN pad names who locked; the PIN opens it again.
  await reg.getByTestId('user-menu-button').click();
  await reg.getByRole('button', { name: 'Kasse sperren' }).click();
  await expect(reg.getByRole('heading', { name: `Gesperrt von ${CASHIER.name}` })).toBeVisible();
  await reg.keyboard.type(CASHIER.pin);
  await reg.keyboard.press('Enter');
  await expect(reg.getByTestId('cashier-name')).toHaveText(`Hallo, ${CASHIER.name}`);

  // --- Back office: the new device shows up, can be renamed, then revoked ---
  await expect(dialog.getByRole('status')).toContainText('Paired: Theke vorne');
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('device-row').filter({ hasText: 'Theke vorne' });
  await expect(row).toContainText('Kasse 1');
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: 'Rename Theke vorne' }).click();
  // While editing, the name is an input value, so the row no longer matches by text.
  await page.getByLabel('New device name').fill('Kasse 1 Tablet');
  await page.getByRole('button', { name: 'Save' }).click();
  const renamed = page.getByTestId('device-row').filter({ hasText: 'Kasse 1 Tablet' });
  await expect(renamed).toBeVisible();
  await shot(page, 'devices-list-en');
  await renamed.getByRole('button', { name: 'Revoke Kasse 1 Tablet' }).click();
  await renamed.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(renamed).toContainText('Revoked');

  // --- The register's next request is refused and it falls back to pairing ---
  await reg.reload();
  await expect(reg.getByRole('heading', { name: 'Dieses Gerät koppeln' })).toBeVisible();
  await expect(reg.getByRole('status')).toContainText('Dieses Gerät wurde gesperrt');
  expect(await reg.evaluate(() => localStorage.getItem('opentill.deviceToken'))).toBeNull();
  await register.context.close();
});
