import type { Page } from '@playwright/test';
import { chooseLanguage, expect, loginOwner, newDevice, OWNER, shot, test } from './fixtures';

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

/**
 * Full-page screenshot. Sticky bars (top bar, the editor's save bar) would be painted mid-page
 * in a full-page capture, so they are laid out statically for the moment of the shot.
 */
async function snap(page: Page, name: string): Promise<void> {
  const unstick = (on: boolean) =>
    page.evaluate((flag) => {
      for (const el of document.querySelectorAll<HTMLElement>('.top-bar, .editor-actions'))
        el.style.position = flag ? 'static' : '';
      if (flag) window.scrollTo(0, 0);
    }, on);
  await unstick(true);
  await shot(page, name);
  await unstick(false);
}

/** Switches the UI language through the user menu and closes the menu again. */
async function switchLanguage(page: Page, lang: 'en' | 'de'): Promise<void> {
  await page.getByTestId('user-menu-button').click();
  await chooseLanguage(page, lang);
  await page.keyboard.press('Escape');
}

async function apiToken(baseURL: string): Promise<{ auth: Record<string, string>; storeId: string }> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const stores = (await (await fetch(`${baseURL}/api/v1/stores`, { headers: auth })).json()) as {
    items: { id: string }[];
  };
  return { auth, storeId: stores.items[0]!.id };
}

async function searchCount(baseURL: string, q: string): Promise<number> {
  const { auth } = await apiToken(baseURL);
  const res = await fetch(`${baseURL}/api/v1/catalog/products?q=${encodeURIComponent(q)}&status=all`, {
    headers: auth,
  });
  return ((await res.json()) as { items: unknown[] }).items.length;
}

test('owner searches the catalog, reprices a product, adds barcodes, creates a product with variants and archives it', async ({
  page,
}) => {
  await loginOwner(page);
  await page.getByRole('link', { name: 'Produkte', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Produkte', level: 1 })).toBeVisible();
  const rows = page.getByTestId('product-row');
  await expect(rows).toHaveCount(50); // First page of the ~80 demo products.
  await expect(page.getByRole('button', { name: 'Weiter' })).toBeEnabled();
  await snap(page, 'catalog-products-de');

  // Paging forward and back.
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText(/Seite 2 · 51–/)).toBeVisible();
  await page.getByRole('button', { name: 'Zurück' }).click();
  await expect(page.getByText(/Seite 1 · 1–50/)).toBeVisible();

  // Search (debounced, server-side prefix search on name/SKU/barcode).
  await page.getByLabel('Suche').fill('croiss');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Croissant');
  await expect(rows.first()).toContainText('1,90 €');
  await expect(page).toHaveURL(/q=croiss/);
  await page.getByRole('link', { name: 'Croissant', exact: true }).click();

  // --- Editor: change the price ---
  await expect(page.getByRole('heading', { name: 'Croissant', level: 1 })).toBeVisible();
  const price = page.getByLabel('Preis', { exact: true });
  await expect(price).toHaveValue('1,90');
  await price.fill('2,1');
  await expect(page.getByText('Ungespeicherte Änderungen')).toBeVisible();
  const saved = page.waitForResponse((r) => r.url().includes('/prices') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  const priceBody = (await (await saved).json()) as { price: number };
  expect(priceBody.price).toBe(210); // "2,1" → 210 minor units, exactly.
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await expect(price).toHaveValue('2,10');

  // --- Barcodes: wrong check digit first, then the right one ---
  const barcode = page.getByLabel('Barcode hinzufügen');
  await barcode.fill('4006381333932');
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(page.getByTestId('barcode-error')).toHaveText('Falsche Prüfziffer. Bitte den Barcode prüfen.');
  await expect(barcode).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'catalog-product-barcode-error-de');
  await barcode.fill('4006381333931');
  await expect(page.getByTestId('barcode-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(page.getByTestId('barcode-list')).toContainText('4006381333931');
  await expect(barcode).toHaveValue('');
  await snap(page, 'catalog-product-editor-de');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Barcodes' })).toBeVisible();
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue('2.10');
  await snap(page, 'catalog-product-editor-en');

  // The list shows the new price (English formatting now).
  await page.getByRole('link', { name: 'Products', exact: true }).first().click();
  await page.getByLabel('Search').fill('4006381333931');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('€2.10');
  await page.getByLabel('Search').fill('');
  await expect(rows).toHaveCount(50);
  await snap(page, 'catalog-products-en');

  // --- New product with two variants (colour) ---
  await page.getByRole('link', { name: 'New product' }).click();
  await expect(page.getByRole('heading', { name: 'New product', level: 1 })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Tote bag');
  await page.getByLabel('SKU', { exact: true }).fill('E2E-TOTE');
  await page.getByLabel('Price', { exact: true }).fill('12.90');
  await page.getByLabel('Option 1 name').fill('Colour');
  await page.getByLabel('Option 1 values').fill('Natural, Black');
  await page.getByRole('button', { name: 'Generate variants' }).click();
  const drafts = page.getByTestId('variant-drafts');
  await expect(drafts.getByRole('row')).toHaveCount(3);
  await expect(page.getByLabel('SKU of Colour: Natural')).toHaveValue('E2E-TOTE-NATURAL');
  await expect(page.getByLabel('SKU of Colour: Black')).toHaveValue('E2E-TOTE-BLACK');
  await page.getByLabel('Price of Colour: Black').fill('13.90');
  await snap(page, 'catalog-product-new-en');
  await page.getByRole('button', { name: 'Create product' }).click();

  await expect(page.getByRole('heading', { name: 'Tote bag', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/backoffice\/products\/[0-9a-f-]{36}$/);
  const variants = page.getByTestId('variant-table');
  await expect(variants.getByRole('row')).toHaveCount(3);
  await expect(page.getByLabel('Price of Natural')).toHaveValue('');
  await expect(page.getByLabel('Price of Black')).toHaveValue('13.90');
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue('12.90');

  await page.getByRole('button', { name: 'Archive product' }).click();
  await expect(page.getByText('This product is archived')).toBeVisible();
  await snap(page, 'catalog-product-archived-en');

  // Archived products leave the default list and show under "Archived".
  await page.getByRole('link', { name: 'Products', exact: true }).first().click();
  await page.getByLabel('Search').fill('tote');
  await expect(page.getByText('No products match “tote”.')).toBeVisible();
  await page.getByLabel('Status').selectOption('archived');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Archived');
  await expect(rows.first()).toContainText('2 variants');
});

test('categories, tax rates and promotions', async ({ page }) => {
  await loginOwner(page);

  // --- Categories: add, rename, move ---
  await page.getByRole('link', { name: 'Kategorien', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kategorien', level: 1 })).toBeVisible();
  const tree = page.getByTestId('category-tree');
  await expect(tree.getByTestId('category-row').first()).toBeVisible();
  await page.getByLabel('Neue Kategorie').fill('Saisonware');
  await page.getByRole('button', { name: 'Kategorie anlegen' }).click();
  const row = page.getByTestId('category-row').filter({ hasText: 'Saisonware' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Saisonware umbenennen' }).click();
  await page.getByLabel('Neuer Name für Saisonware').fill('Saison');
  await page.getByRole('button', { name: 'Speichern' }).click();
  const renamed = page.getByTestId('category-row').filter({ hasText: /^Saison/ });
  await expect(renamed).toHaveCount(1);
  await renamed.getByRole('button', { name: 'Saison verschieben' }).click();
  const parentSelect = page.getByLabel('Saison verschieben nach');
  const firstParent = (await parentSelect.locator('option').nth(1).textContent()) ?? '';
  await parentSelect.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Verschieben', exact: true }).click();
  await expect(
    page.getByTestId('category-row').filter({ hasText: 'Saison' }).locator('.tree-depth-1'),
  ).toBeVisible();
  expect(firstParent).not.toBe('');
  await snap(page, 'catalog-categories-de');
  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Categories', level: 1 })).toBeVisible();
  await snap(page, 'catalog-categories-en');

  // --- Tax rates (the store is in Germany) ---
  await page.getByRole('link', { name: 'Tax rates', exact: true }).click();
  const standard = page.getByTestId('tax-row').filter({ hasText: 'standard' });
  await expect(standard).toContainText('Standard rate');
  await expect(standard).toContainText('19%');
  await expect(page.getByTestId('tax-row').filter({ hasText: 'reduced' })).toContainText('7%');
  await snap(page, 'catalog-tax-rates-en');
  await switchLanguage(page, 'de');
  await expect(standard).toContainText('Regelsatz');
  await expect(standard).toContainText('19 %');
  await snap(page, 'catalog-tax-rates-de');

  // --- Promotions: create "3 für 5 €" with a coupon, then switch it off ---
  await page.getByRole('link', { name: 'Aktionen', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Aktionen', level: 1 })).toBeVisible();
  await expect(page.getByTestId('promotion-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Neue Aktion' }).click();
  const form = page.getByTestId('promotion-form');
  await form.getByLabel('Name', { exact: true }).fill('Brezel-Deal');
  await form.getByLabel('Art').selectOption('n_for_price');
  await form.getByLabel('Menge').fill('3');
  await form.getByLabel(/Zum Gesamtpreis von/).fill('2');
  await form.getByPlaceholder('Produkt hinzufügen…').fill('Laugenbr');
  await form.getByRole('button', { name: /Laugenbrezel/ }).click();
  await expect(form.locator('.chip')).toContainText('Laugenbrezel');
  await form.getByLabel('Gutscheincode').fill('BREZEL3');
  await snap(page, 'catalog-promotion-form-de');
  await form.getByRole('button', { name: 'Aktion anlegen' }).click();
  await expect(form).toHaveCount(0);
  const promo = page.getByTestId('promotion-row').filter({ hasText: 'Brezel-Deal' });
  await expect(promo).toContainText('3 für 2,00 €');
  await expect(promo).toContainText('BREZEL3');
  await promo.getByRole('switch', { name: 'Brezel-Deal aktiv' }).click();
  await expect(promo.getByRole('switch')).not.toBeChecked();
  await expect(promo).toContainText('Aus');
  await snap(page, 'catalog-promotions-de');
  await switchLanguage(page, 'en');
  await expect(promo).toContainText('3 for €2.00');
  await snap(page, 'catalog-promotions-en');
});

test('CSV import: the dry run reports the bad row and imports nothing; skipping it imports the rest; export downloads', async ({
  page,
  baseURL,
}) => {
  const csv = [
    'sku,name,price,tax_class',
    'E2E-IMP-1,Importbrot,3.20,reduced',
    'E2E-IMP-2,Importkuchen,drei,reduced',
    'E2E-IMP-3,Importsaft,2.50,standard',
  ].join('\n');
  await loginOwner(page);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import und Export', level: 1 })).toBeVisible();
  await page
    .getByLabel('CSV-Datei', { exact: true })
    .setInputFiles({ name: 'produkte.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('import-file')).toContainText('produkte.csv');
  await page.getByRole('button', { name: 'Datei prüfen (Probelauf)' }).click();

  const check = page.getByTestId('import-check');
  await expect(check.getByTestId('import-counts')).toContainText(/Zeilen\s*3/);
  await expect(check.getByTestId('import-counts')).toContainText(/Gültig\s*2/);
  await expect(check.getByTestId('import-counts')).toContainText(/Fehlerhaft\s*1/);
  const errors = check.getByTestId('import-error-row');
  await expect(errors).toHaveCount(1);
  await expect(errors.first().locator('td').nth(0)).toHaveText('3'); // header is row 1
  await expect(errors.first().locator('td').nth(1)).toHaveText('price');
  // The server's stable error code is shown translated, with the offending value.
  await expect(errors.first().locator('td').nth(2)).toHaveText('Kein Preis wie 2,49: „drei“');
  await expect(check).toContainText('Es wurde nichts importiert.');
  expect(await searchCount(baseURL!, 'E2E-IMP')).toBe(0);
  await expect(check.getByRole('button', { name: /importieren/ })).toBeDisabled();
  await snap(page, 'catalog-import-dry-run-de');

  await check.getByLabel('Fehlerhafte Zeilen überspringen und den Rest importieren').check();
  await check.getByRole('button', { name: '2 gültige Zeilen importieren' }).click();
  await expect(page.getByTestId('import-result')).toContainText('2 Produkte importiert.');
  expect(await searchCount(baseURL!, 'E2E-IMP')).toBe(2);
  await snap(page, 'catalog-import-result-de');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV herunterladen' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const stream = await file.createReadStream();
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  expect(text.split('\n')[0]).toContain('sku');
  expect(text).toContain('E2E-IMP-1');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Import and export', level: 1 })).toBeVisible();
  await snap(page, 'catalog-import-result-en');
});

test('catalog pages fit a phone without sideways scrolling', async ({ browser, baseURL }) => {
  const { context, page } = await newDevice(browser, baseURL!, {
    locale: 'de-DE',
    viewport: { width: 390, height: 844 },
  });
  // Nothing on these pages may trip the strict CSP (inline style/script) or log errors.
  const problems: string[] = [];
  page.on('console', (m) => {
    // The signed-out /auth/me check before login answers 401 by design.
    if (m.type() === 'error' && !m.text().includes('status of 401')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await loginOwner(page);
  for (const path of [
    '/backoffice/products',
    '/backoffice/products/new',
    '/backoffice/categories',
    '/backoffice/tax-rates',
    '/backoffice/promotions',
    '/backoffice/import',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Wird geladen …')).toHaveCount(0);
    expect(await horizontalOverflow(page), path).toEqual([]);
  }
  await page.goto('/backoffice/products?q=lauge');
  await page.getByRole('link', { name: 'Laugenbrezel', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Laugenbrezel', level: 1 })).toBeVisible();
  expect(await horizontalOverflow(page)).toEqual([]);
  await snap(page, 'catalog-product-editor-phone-de');
  expect(problems).toEqual([]);
  await context.close();
});
