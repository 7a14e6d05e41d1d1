import { chooseLanguage, expect, loginOwner, OWNER, shot, test } from './fixtures';

test.describe('back-office login', () => {
  test('wrong password shows the translated error, in English and German', async ({ page }) => {
    await page.goto('/backoffice');
    // The guard sends anonymous visitors to the login page and remembers where they wanted to go.
    await expect(page).toHaveURL(/\/backoffice\/login\?redirect=/);
    await expect(page.getByRole('heading', { name: 'Sign in to the back office' })).toBeVisible();
    await shot(page, 'backoffice-login-en');

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
    await expect(page).toHaveURL(/\/backoffice\/login/);

    await chooseLanguage(page, 'de');
    await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch.');
    await expect(page.getByRole('heading', { name: 'Im Backoffice anmelden' })).toBeVisible();
    await shot(page, 'backoffice-login-de-error');
  });

  test('a German browser gets the German login page', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: 'de-DE', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/backoffice/login');
    await expect(page.getByRole('heading', { name: 'Im Backoffice anmelden' })).toBeVisible();
    await shot(page, 'backoffice-login-de');
    await context.close();
  });

  test('owner signs in, sees the dashboard and signs out', async ({ page }) => {
    await loginOwner(page);
    await expect(page.getByTestId('user-menu-button')).toContainText('Olivia Owner');
    // The only store is de-DE and nothing was chosen explicitly, so the back office turns German.
    await expect(page.getByRole('navigation', { name: 'Backoffice' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Willkommen, Olivia Owner' })).toBeVisible();
    await shot(page, 'backoffice-dashboard-de');

    await page.getByTestId('user-menu-button').click();
    await chooseLanguage(page, 'en');
    await expect(page.getByRole('heading', { name: 'Welcome, Olivia Owner' })).toBeVisible();
    // The explicit choice survives a reload and beats the store locale.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome, Olivia Owner' })).toBeVisible();

    // The audit log recorded the failed and the successful sign-in.
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: 'auth.login' }).first()).toBeVisible();
    await expect(table).toContainText('Olivia Owner');
    await shot(page, 'backoffice-audit-en');

    for (const [link, heading] of [
      ['Fleet', 'Fleet'],
      ['Kiosk', 'Kiosk'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    }

    await page.getByTestId('user-menu-button').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/backoffice\/login/);
    for (const path of ['/backoffice/devices', '/fleet', '/kiosk']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/backoffice\/login\?redirect=/);
    }
  });
});
