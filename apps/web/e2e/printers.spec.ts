import type { Page } from '@playwright/test';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { OWNER, chooseLanguage, expect, loginOwner, shot, test } from './fixtures';

const DOCS_SHOT = fileURLToPath(new URL('../../../docs/backoffice-printers.png', import.meta.url));

/**
 * A network receipt printer on an ephemeral port: every DLE EOT n (10 04 n) gets the Epson answer
 * 0x12 — online, cover shut, paper present — and the number of status queries is counted.
 */
async function readyPrinter(): Promise<{ port: number; queries: () => number; close: () => Promise<void> }> {
  let queries = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          queries++;
          socket.write(Buffer.of(0x12));
          i += 2;
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('end', () => socket.end());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    queries: () => queries,
    close: () => new Promise<void>((done) => (sockets.forEach((s) => s.destroy()), server.close(() => done()))),
  };
}

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

interface PrinterConfig {
  host: string;
  port: number;
  width: number;
  codepage: string;
  autoPrint: boolean;
}

test('owner sets Kasse 1 to a network printer, sees it ready, and bad addresses are refused', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const login = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  const { token } = (await login.json()) as { token: string };
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const store = (await get<{ items: { id: string }[] }>('/stores')).items[0]!;
  const kasse1 = (await get<{ items: { id: string; name: string }[] }>(`/stores/${store.id}/registers`)).items.find((r) => r.name === 'Kasse 1')!;
  const savedConfig = async () => (await get<{ printer: PrinterConfig | null }>(`/registers/${kasse1.id}/printer-config`)).printer;
  expect(await savedConfig()).toBeNull();

  const printer = await readyPrinter();
  try {
    await loginOwner(page);
    await page.getByRole('link', { name: 'Drucker', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Bondrucker', level: 1 })).toBeVisible();
    const card = page.getByRole('article', { name: 'Kasse 1', exact: true });
    const form = card.getByRole('form', { name: 'Drucker von Kasse 1' });
    await expect(card.getByTestId('printer-state')).toHaveText('Kein Drucker eingerichtet');

    // A URL is no host: the field says so and nothing is stored.
    const host = form.getByLabel('Druckeradresse');
    const port = form.getByLabel('Port', { exact: true });
    await host.fill('http://192.168.1.50');
    await expect(port).toHaveValue('9100');
    await form.getByRole('button', { name: 'Drucker speichern' }).click();
    await expect(form.getByText(/ohne http:\/\/ und ohne Port/)).toBeVisible();
    await expect(host).toHaveAttribute('aria-invalid', 'true');
    await expect(port).not.toHaveAttribute('aria-invalid', 'true');
    expect(await savedConfig()).toBeNull();

    // The real printer: 58 mm paper, CP850, no automatic printing.
    await host.fill('127.0.0.1');
    await port.fill(String(printer.port));
    await form.getByRole('radiogroup', { name: 'Papierbreite' }).getByLabel('58 mm').check();
    await form.getByLabel('Codepage').selectOption('cp850');
    await form.getByLabel('Beleg nach jedem Verkauf automatisch drucken').uncheck();
    await form.getByRole('button', { name: 'Drucker speichern' }).click();
    await expect(form.getByRole('status')).toHaveText('Drucker gespeichert.');
    await expect(host).not.toHaveAttribute('aria-invalid', 'true');
    expect(await savedConfig()).toMatchObject({ host: '127.0.0.1', port: printer.port, width: 58, codepage: 'cp850', autoPrint: false });

    // The server probes printers on its own clock (30 s); the page polls and turns ready.
    const state = card.getByTestId('printer-state');
    await expect(state).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(state).toHaveText('Bereit');
    await expect(card.getByTestId('printer-queued')).toHaveText('Keine Belege in der Warteschlange');
    await expect(card.getByText(/geprüft um \d\d:\d\d:\d\d/)).toBeVisible();
    expect(printer.queries()).toBeGreaterThanOrEqual(1);

    // Port out of range: field error, the stored printer stays as it was.
    await port.fill('70000');
    await form.getByRole('button', { name: 'Drucker speichern' }).click();
    await expect(form.getByText('Geben Sie eine Portnummer von 1 bis 65535 ein (meist 9100).')).toBeVisible();
    await expect(port).toHaveAttribute('aria-invalid', 'true');
    expect(await savedConfig()).toMatchObject({ host: '127.0.0.1', port: printer.port });
    await port.fill(String(printer.port));
    await expect(port).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('button', { name: 'Drucker speichern' })).toBeDisabled();

    // English labels, and the page fits a phone.
    await page.getByTestId('user-menu-button').click();
    await chooseLanguage(page, 'en');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Receipt printers', level: 1 })).toBeVisible();
    await expect(state).toHaveText('Ready');
    await expect(card.getByRole('form', { name: 'Printer of Kasse 1' }).getByLabel('Printer address')).toHaveValue('127.0.0.1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: DOCS_SHOT, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toEqual([]);
    await expect(card.getByRole('button', { name: 'Save printer' })).toBeVisible();
    await shot(page, 'backoffice-printers-phone');
  } finally {
    await printer.close();
  }
});
