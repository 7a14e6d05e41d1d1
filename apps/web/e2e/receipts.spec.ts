import { PNG } from 'pngjs';
import { expect, loginOwner, shot, test } from './fixtures';

/** A 160×48 logo: a black frame with a bar across, on transparent background. */
function logoPng(): Buffer {
  const png = new PNG({ width: 160, height: 48 });
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 160; x++) {
      const ink = y < 4 || y > 43 || x < 4 || x > 155 || (y > 20 && y < 28 && x > 20 && x < 140);
      png.data.set(ink ? [0, 0, 0, 255] : [0, 0, 0, 0], (y * 160 + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

test('owner edits the receipt template and sees it in the 80 mm, 58 mm and email previews', async ({ page }) => {
  await loginOwner(page);
  await page.getByRole('link', { name: 'Belege', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Belegvorlage', level: 1 })).toBeVisible();

  // Defaults: German, thank-you footer, the 80 mm printer preview of a sample sale.
  const paper80 = page.getByTestId('preview-80');
  await expect(paper80).toContainText('Demo Store Berlin');
  await expect(paper80).toContainText('Vielen Dank für Ihren Einkauf!');
  await expect(paper80).toContainText(/SUMME +14,50 €/);

  await page.getByLabel('Kopfzeilen').fill('Mo–Sa 7–18 Uhr\nTel. 030 1234567');
  await page.getByLabel('Fußzeilen').fill('Bis bald im Laden!');
  await page.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
  await expect(page.getByText('Ungespeicherte Änderungen')).toBeVisible();
  await page.getByRole('button', { name: 'Vorlage speichern' }).click();
  await expect(page.getByText('Vorlage gespeichert.')).toBeVisible();

  // The printer preview is the decoded ESC/POS: the en dash is not in CP858 and prints as "-".
  await expect(paper80).toContainText('Mo-Sa 7-18 Uhr');
  await expect(paper80).toContainText('Tel. 030 1234567');
  await expect(paper80).toContainText('Bis bald im Laden!');
  await expect(paper80.locator('img.receipt-paper__logo')).toBeVisible();
  await shot(page, 'receipts-template-80mm-de');

  await page.getByRole('tab', { name: '58-mm-Drucker' }).click();
  const paper58 = page.getByTestId('preview-58');
  await expect(paper58).toContainText(/SUMME +14,50 €/);
  await expect(paper58).toContainText('32 Zeichen pro Zeile');
  const widths = await paper58.locator('.receipt-paper__line').evaluateAll((els) => els.map((e) => (e.textContent ?? '').length));
  expect(Math.max(...widths)).toBeLessThanOrEqual(32);
  await shot(page, 'receipts-template-58mm-de');

  await page.getByRole('tab', { name: 'E-Mail / digitaler Beleg' }).click();
  const email = page.frameLocator('iframe.receipt-template__email');
  await expect(email.getByText('Bis bald im Laden!')).toBeVisible();
  await expect(email.getByText('Mo–Sa 7–18 Uhr')).toBeVisible();
  await expect(email.getByText('Rückgeld')).toBeVisible();
  await shot(page, 'receipts-template-email-de');

  // English receipts: labels change on paper and in the email.
  await page.getByLabel('Sprache der Belege').selectOption('en');
  await page.getByRole('button', { name: 'Vorlage speichern' }).click();
  await expect(email.getByText('Change', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '80-mm-Drucker' }).click();
  await expect(paper80).toContainText(/TOTAL +€14\.50/);

  // A file that is not a PNG is refused in the browser before anything is sent.
  await page.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a png') });
  await expect(page.getByText('Das Logo muss ein PNG-Bild sein.')).toBeVisible();
});
