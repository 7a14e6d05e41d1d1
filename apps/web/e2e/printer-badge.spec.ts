import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CASHIER, OWNER, expect, newDevice, shot, test } from './fixtures';

/**
 * A network receipt printer that answers DLE EOT "online, cover shut, paper present" and counts
 * the print jobs it receives.
 */
function fakePrinter(port: number): Promise<{ jobs: () => number; close: () => Promise<void> }> {
  let jobs = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let printed = false;
    socket.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          socket.write(Buffer.of(0x12));
          i += 2;
        } else printed = true;
      }
    });
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      sockets.delete(socket);
      if (printed) jobs++;
    });
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        jobs: () => jobs,
        close: () => new Promise<void>((done) => (sockets.forEach((s) => s.destroy()), server.close(() => done()))),
      }),
    ),
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

test('the register shows the receipt printer: offline with a waiting receipt, then ready once it printed', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const login = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  // A register whose printer is switched off (nothing listens on its port yet).
  const store = (await call<{ items: { id: string }[] }>('GET', '/stores')).items[0]!;
  const register = await call<{ id: string }>('POST', `/stores/${store.id}/registers`, { name: 'Kasse Drucker' });
  const port = await freePort();
  await call('PUT', `/registers/${register.id}/printer-config`, { host: '127.0.0.1', port, width: 80 });
  await call('POST', `/registers/${register.id}/shifts`, { id: crypto.randomUUID(), openingFloat: 0 });
  const { code } = await call<{ code: string }>('POST', `/registers/${register.id}/pairing-codes`);

  const { context, page } = await newDevice(browser, baseURL!);
  await context.addInitScript(() => localStorage.setItem('opentill.language', 'de'));
  await page.goto(`/register/pair?code=${code}`);
  await expect(page.getByRole('heading', { name: 'PIN eingeben' })).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await page.keyboard.press('Enter');
  const badge = page.getByTestId('printer-badge');
  await expect(badge).toBeVisible();

  // A cash sale completes although the printer is off; its receipt waits.
  const product = (await call<{ items: { id: string }[] }>('GET', `/catalog/products?q=BROT-ROGGEN&storeId=${store.id}`)).items[0]!;
  const quote = await call<{ totals: { payable: number } }>('POST', '/pricing/quote', { storeId: store.id, lines: [{ productId: product.id, qty: 1000 }] });
  const total = quote.totals.payable;
  await call('POST', '/sales', {
    id: crypto.randomUUID(),
    registerId: register.id,
    registerSeq: 1,
    receiptNo: 'KDR-000001',
    lines: [{ id: crypto.randomUUID(), productId: product.id, qty: 1000 }],
    payments: [{ id: crypto.randomUUID(), tender: 'cash', amount: total, tendered: total }],
    totals: { total },
  });
  await expect(badge).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(badge).toContainText('Drucker offline');
  await expect(page.getByTestId('printer-queued')).toHaveText('1 Beleg wartet');
  await shot(page, 'printer-badge-offline');

  // The printer is switched on: the waiting receipt prints, the badge turns ready.
  const printer = await fakePrinter(port);
  try {
    await expect(badge).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(badge).toContainText('Drucker bereit');
    await expect(page.getByTestId('printer-queued')).toHaveCount(0);
    expect(printer.jobs()).toBe(1);
    await shot(page, 'printer-badge-ready');
  } finally {
    await printer.close();
    await context.close();
  }
});
