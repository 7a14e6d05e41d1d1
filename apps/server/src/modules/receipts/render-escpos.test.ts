import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './decode-escpos.js';
import { card, cash, germanLines, saleDoc, testLogo, URL, zReportDoc } from './receipt-test-docs.js';
import { renderEscPos } from './render-escpos.js';
import { renderReceiptText } from './render-text.js';

/** A left and a right text on one printed line of `columns`. */
const row = (left: string, right: string, columns = 48) => left.padEnd(columns - right.length) + right;

const indexOfBytes = (hay: Uint8Array, needle: number[]) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

describe('ESC/POS receipts', () => {
  const german = saleDoc(germanLines, [cash(1348, 2000)]);

  it('prints the German sale on 80 mm: lines, VAT letters and table, total, cash and change', () => {
    const d = decodeEscPos(renderEscPos(german, { width: 80 }));
    expect(d.codepage).toBe('cp858');
    expect(d.lines.every((l) => l.length <= 48)).toBe(true);
    const body = d.lines.join('\n');
    expect(d.lines).toContain(row('Roggenbrot 1 kg', '4,50 B'));
    expect(d.lines).toContain(row('Cappuccino', '3,80 A'));
    expect(d.lines).toContain('  + Hafermilch');
    expect(d.lines).toContain(row('Apfelschorle 0,5 l', '5,20 A'));
    expect(d.lines).toContain('  2 x 2,60');
    expect(d.lines).toContain(row('  Rabatt', '-0,52', 46));
    expect(d.lines).toContain(row('Pfand Einweg 0,25 €', '0,50 A'));
    expect(d.lines).toContain(row('SUMME', '13,48 €'));
    expect(d.lines).toContain(row('Bar', '20,00 €'));
    expect(d.lines).toContain(row('Rückgeld', '6,52 €'));
    expect(d.lines).toContain('MwSt               Netto      Steuer      Brutto');
    expect(d.lines).toContain('A 19 %              7,55        1,43        8,98');
    expect(d.lines).toContain('B 7 %               4,21        0,29        4,50');
    expect(body).toContain('USt-IdNr. DE123456789');
    expect(body).toMatch(/Datum 27\.11\.2026 +Uhrzeit 14:05:09/); // 13:05 UTC in Europe/Berlin
    expect(body).toMatch(/BELEG +Beleg-Nr\. K1-000042/);
    // The total is printed bold and double height.
    expect(d.styledLines.find((l) => l.text.startsWith('SUMME'))).toMatchObject({ bold: true, tall: true });
    expect(d.qrCodes).toEqual([URL]);
    expect(d.cuts).toBe(1);
    expect(d.drawerPulses).toEqual([]);
  });

  it('encodes € and umlauts in the selected code page (CP858: € = 0xD5; WPC1252: € = 0x80)', () => {
    const cp858 = renderEscPos(german, { width: 80 });
    expect(indexOfBytes(cp858, [0x1b, 0x74, 19])).toBeGreaterThan(-1);
    expect(indexOfBytes(cp858, [...Buffer.from('13,48 '), 0xd5])).toBeGreaterThan(-1);
    expect(indexOfBytes(cp858, [0x52, 0x81, 0x63, 0x6b])).toBeGreaterThan(-1); // "Rück": ü = 0x81
    const win = renderEscPos(german, { width: 80, codepage: 'windows1252' });
    expect(indexOfBytes(win, [0x1b, 0x74, 16])).toBeGreaterThan(-1);
    expect(indexOfBytes(win, [...Buffer.from('13,48 '), 0x80])).toBeGreaterThan(-1);
    expect(decodeEscPos(win).lines).toContain(row('SUMME', '13,48 €'));
    expect(() => renderEscPos(german, { width: 80, codepage: 'utf8' })).toThrow(/code page/);
  });

  it('kicks the drawer (ESC p, pin 2) before the text when asked, and cuts at the end', () => {
    const bytes = renderEscPos(german, { width: 58, openDrawer: true });
    const d = decodeEscPos(bytes);
    expect(d.drawerPulses).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
    expect(indexOfBytes(bytes, [0x1b, 0x70, 0x00])).toBeLessThan(indexOfBytes(bytes, [...Buffer.from('Roggenbrot')]));
    expect(d.cuts).toBe(1);
    expect(indexOfBytes(bytes, [0x1d, 0x56])).toBeGreaterThan(indexOfBytes(bytes, [...Buffer.from('Vielen Dank')]));
  });

  it('fits 58 mm paper (32 columns) without losing the date or an amount', () => {
    const d = decodeEscPos(renderEscPos(german, { width: 58 }));
    expect(d.lines.every((l) => l.length <= 32)).toBe(true);
    expect(d.lines).toContain(row('SUMME', '13,48 €', 32));
    expect(d.lines).toContain('Datum 27.11.2026');
    expect(d.lines).toContain('                Uhrzeit 14:05:09');
    expect(d.lines).toContain(row('Pfand Einweg 0,25 €', '0,50 A', 32));
  });

  it('prints the card slip fields of a card payment', () => {
    const d = decodeEscPos(renderEscPos(saleDoc(germanLines, [card(1348)]), { width: 80 }));
    expect(d.lines).toContain(row('Karte', '13,48 €'));
    expect(d.lines).toContain('  Kartenzahlung');
    expect(d.lines).toContain('  girocard **** 4711');
    expect(d.lines.some((l) => /^ {2}Autorisierung +A12345$/.test(l))).toBe(true);
    expect(d.lines.some((l) => /^ {2}Trace-Nr\. +000123$/.test(l))).toBe(true);
    expect(d.lines.some((l) => /^ {2}Terminal-Beleg +T-0815$/.test(l))).toBe(true);
    expect(d.lines.some((l) => l.startsWith('Rückgeld'))).toBe(false);
  });

  it('marks a reprint as KOPIE / COPY and a training sale', () => {
    const de = decodeEscPos(renderEscPos({ ...german, copy: true }, { width: 80 }));
    expect(de.styledLines.find((l) => l.text.includes('*** KOPIE ***'))).toMatchObject({ bold: true, tall: true });
    const en = decodeEscPos(renderEscPos(saleDoc(germanLines, [cash(1348, 2000)], { copy: true, training: true, tpl: { language: 'en' } }), { width: 80 }));
    expect(en.lines.join('\n')).toContain('*** COPY ***');
    expect(en.lines.join('\n')).toContain('TRAINING');
    expect(en.lines).toContain(row('TOTAL', '€13.48'));
    expect(en.lines).toContain(row('Change', '€6.52'));
  });

  it('prints the store logo as a raster image (GS v 0), scaled to whole bytes', () => {
    const d = decodeEscPos(renderEscPos(saleDoc(germanLines, [cash(1348, 2000)], { logoPng: testLogo() }), { width: 80 }));
    expect(d.images).toEqual([{ width: 40, height: 16 }]);
    expect(d.items[0]).toEqual({ kind: 'image', width: 40, height: 16 });
  });

  it('prints a refund with negative amounts and the original receipt number', () => {
    const refund = saleDoc([{ name: 'Roggenbrot 1 kg', qty: -1000, unit: 450, rateBp: 700 }], [cash(-450, -450)], { kind: 'refund', number: 'K1-000043', originalNumber: 'K1-000042' });
    refund.change = 0;
    refund.tenders[0]!.change = 0;
    const d = decodeEscPos(renderEscPos(refund, { width: 80 }));
    expect(d.lines.some((l) => /^RÜCKGABE +Beleg-Nr\. K1-000043$/.test(l))).toBe(true);
    expect(d.lines.some((l) => /^Zu Beleg +K1-000042$/.test(l))).toBe(true);
    expect(d.lines).toContain(row('Roggenbrot 1 kg', '-4,50 B'));
    expect(d.lines).toContain('  -1 x 4,50');
    expect(d.lines).toContain(row('SUMME', '-4,50 €'));
    expect(d.lines).toContain(row('Bar', '-4,50 €'));
  });

  it('prints a Z report: counts, tenders, cash reconciliation and VAT per rate', () => {
    const d = decodeEscPos(renderEscPos(zReportDoc(), { width: 80 }));
    expect(d.lines.some((l) => /^Z-BERICHT +Z-Nr\. 3$/.test(l))).toBe(true);
    expect(d.lines).toContain(row('Umsatz (12)', '240,00 €'));
    expect(d.lines).toContain(row('Rückgaben (1)', '-14,00 €'));
    expect(d.lines).toContain(row('Bar (9)', '136,00 €'));
    expect(d.lines).toContain(row('Karte (4)', '90,00 €'));
    expect(d.lines).toContain(row('Soll-Bestand', '100,00 €'));
    expect(d.lines).toContain(row('Ist-Bestand', '99,50 €'));
    expect(d.lines).toContain(row('Differenz', '-0,50 €'));
    expect(d.lines).toContain('A 19 %            100,00       19,00      119,00');
    expect(d.qrCodes).toEqual([]);
  });

  it('prints the TSE fields and puts the DSFinV-K QR string in the QR code once the fiscal section is filled', () => {
    const v0 = 'V0;K1;Kassenbeleg-V1;Beleg^8.98_4.50_0.00_0.00_0.00^13.48:Bar;42;107;2026-11-27T13:05:01.000Z;2026-11-27T13:05:09.000Z;ecdsa-plain-SHA256;unixTime;c2lnbmF0dXJl;cHVia2V5';
    const fiscal = { tseSerial: 'a1b2c3d4e5f6', clientId: 'K1', transactionNumber: 42, signatureCounter: 107, startTime: '2026-11-27T13:05:01.000Z', endTime: '2026-11-27T13:05:09.000Z', signatureAlgorithm: 'ecdsa-plain-SHA256', timeFormat: 'unixTime', signature: 'c2lnbmF0dXJl', publicKey: 'cHVia2V5', processType: 'Kassenbeleg-V1', qrPayload: v0 };
    const d = decodeEscPos(renderEscPos({ ...german, fiscal }, { width: 80 }));
    expect(d.qrCodes).toEqual([v0]);
    expect(d.lines).toContain('a1b2c3d4e5f6');
    expect(d.lines).toContain(row('TSE-Transaktion', '42'));
    expect(d.lines).toContain(row('Signaturzähler', '107'));
    expect(d.lines.some((l) => l.includes('Digitaler Beleg'))).toBe(false);
  });

  it('prints exactly the plain-text layout (the back-office preview shows what the printer prints)', () => {
    const d = decodeEscPos(renderEscPos(german, { width: 58 }));
    // The encoder ends the QR code with a line feed: that empty line belongs to the QR code.
    const printed = d.items.flatMap((i, k) => (i.kind === 'text' && d.items[k - 1]?.kind !== 'qr' ? [i.text] : []));
    while (printed.at(-1) === '') printed.pop(); // feed before the cut
    // The text form shows the QR code as its URL.
    const text = renderReceiptText(german, { columns: 32 })
      .trimEnd()
      .split('\n')
      .filter((l) => l !== URL);
    expect(printed).toEqual(text);
  });
});
