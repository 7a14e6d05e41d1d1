import { afterAll, describe, expect, it } from 'vitest';
import { COVER_OPEN, FakePrinter, freePort, PAPER_OUT, READY } from './fake-printer.js';
import { mapStatus } from './printer-status.js';
import { readStatus, TcpPrinterTransport } from './printer-transport.js';

describe('DLE EOT status mapping', () => {
  it('maps Epson status bytes to what the register shows', () => {
    expect(mapStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 })).toEqual({
      state: 'ready',
      detail: null,
    });
    expect(mapStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x1e })).toEqual({
      state: 'ready',
      detail: 'Paper is running low',
    });
    expect(mapStatus({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x72 }).state).toBe('paper_out');
    // Roll end seen by the sensor before the printer stopped.
    expect(mapStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x72 }).state).toBe('paper_out');
    expect(mapStatus({ printer: 0x1a, offlineCause: 0x16, paperSensor: 0x12 }).state).toBe('cover_open');
    // Cover open and no paper: the cover is what the cashier must deal with first.
    expect(mapStatus({ printer: 0x1a, offlineCause: 0x36, paperSensor: 0x72 }).state).toBe('cover_open');
    expect(mapStatus({ printer: 0x1a, offlineCause: 0x52, paperSensor: 0x12 })).toEqual({
      state: 'offline',
      detail: 'Printer reports an error',
    });
    expect(mapStatus({ printer: 0x1a, offlineCause: null, paperSensor: null })).toEqual({
      state: 'offline',
      detail: 'Printer is offline',
    });
  });

  it('ignores bytes that are no status answer and treats a silent printer as ready', () => {
    expect(mapStatus({ printer: null, offlineCause: null, paperSensor: null }).state).toBe('ready');
    // 0xff has bit 0 and bit 7 set: not a DLE EOT answer, so its "cover open" bit means nothing.
    expect(mapStatus({ printer: 0xff, offlineCause: 0xff, paperSensor: 0xff }).state).toBe('ready');
  });
});

describe('TCP printer transport', () => {
  const printer = new FakePrinter();
  afterAll(() => printer.close());

  it('asks DLE EOT 1, 2, 4 and reads the answers over real TCP', async () => {
    const port = await printer.listen();
    const transport = new TcpPrinterTransport({ connectMs: 1000, statusMs: 500, writeMs: 2000 });
    for (const [state, expected] of [
      [READY, 'ready'],
      [PAPER_OUT, 'paper_out'],
      [COVER_OPEN, 'cover_open'],
    ] as const) {
      printer.state = { ...state };
      const link = await transport.open({ host: '127.0.0.1', port });
      expect(mapStatus(await readStatus(link)).state).toBe(expected);
      await link.close();
    }
    expect(printer.statusQueries).toEqual([1, 2, 4, 1, 2, 4, 1, 2, 4]);
    expect(printer.jobs).toEqual([]);
  });

  it('prints on a printer that never answers status queries, after waiting once', async () => {
    const silent = new FakePrinter();
    silent.state = { ...READY, answersStatus: false };
    const port = await silent.listen();
    try {
      const transport = new TcpPrinterTransport({ connectMs: 1000, statusMs: 100, writeMs: 2000 });
      const link = await transport.open({ host: '127.0.0.1', port });
      expect(await readStatus(link)).toEqual({ printer: null, offlineCause: null, paperSensor: null });
      // One unanswered query is enough to know: no second and third wait.
      expect(silent.statusQueries).toEqual([1]);
      await link.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
      await link.close();
      const [job] = await silent.waitForJobs(1);
      expect([...job!]).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    } finally {
      await silent.close();
    }
  });

  it('rejects quickly when nothing listens on the port', async () => {
    const transport = new TcpPrinterTransport({ connectMs: 1000, statusMs: 100, writeMs: 1000 });
    const port = await freePort();
    await expect(transport.open({ host: '127.0.0.1', port })).rejects.toThrow(/ECONNREFUSED/);
  });
});
