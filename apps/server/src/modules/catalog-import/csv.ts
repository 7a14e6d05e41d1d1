/**
 * CSV as in RFC 4180: comma separated, fields with comma/quote/newline in double quotes, quotes
 * doubled, CRLF or LF line ends; a UTF-8 BOM (Excel) is ignored. Semicolon files (German Excel) are
 * detected from the header line.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  const commas = firstLine.split(',').length;
  const semis = firstLine.split(';').length;
  return semis > commas ? ';' : ',';
}

/** Parses into rows of fields; `rows[i]` is CSV line-record i + 1 (1 = header). */
export function parseCsv(input: string, delimiter: string = detectDelimiter(input)): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  let quotedRowStart = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) throw new CsvSyntaxError(rows.length + 1, 'a quote may only start a field');
      inQuotes = true;
      quotedRowStart = rows.length + 1;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(quotedRowStart, 'a quoted field is not closed');
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (e.g. a trailing newline) carry no data.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
