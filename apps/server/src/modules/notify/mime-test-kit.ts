/**
 * Test support: a small MIME reader for mails captured by the test SMTP server (mailparser is not a
 * dependency). Handles nested multiparts and base64 / quoted-printable bodies — what nodemailer sends.
 */
export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  filename: string | null;
  body: Buffer;
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function param(header: string, name: string): string | null {
  const m = new RegExp(`${name}\\*?=("([^"]*)"|[^;\\s]+)`, 'i').exec(header);
  return m ? (m[2] ?? m[1]!) : null;
}

function decodeBody(raw: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(raw.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable': {
      const soft = raw.replace(/=\r\n/g, '');
      const bytes: number[] = [];
      for (let i = 0; i < soft.length; i++) {
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
          bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
      }
      return Buffer.from(bytes);
    }
    default:
      return Buffer.from(raw, 'utf8');
  }
}

/** Decodes an RFC 2047 encoded word (=?UTF-8?Q?...?= / =?UTF-8?B?...?=). */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_m, _cs: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable').toString('utf8'),
  );
}

/** The message's headers and its leaf parts, depth-first. */
export function parseMime(raw: string): { headers: Record<string, string>; parts: MimePart[] } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  return { headers, parts: leaves(headers, body) };
}

function leaves(headers: Record<string, string>, body: string): MimePart[] {
  const type = headers['content-type'] ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, 'boundary')!;
    const chunks = body.split(`--${boundary}`).slice(1);
    const out: MimePart[] = [];
    for (const chunk of chunks) {
      if (chunk.startsWith('--')) break;
      const c = chunk.replace(/^\r\n/, '');
      const at = c.indexOf('\r\n\r\n');
      const h = parseHeaders(c.slice(0, at));
      out.push(...leaves(h, c.slice(at + 4).replace(/\r\n$/, '')));
    }
    return out;
  }
  const disposition = headers['content-disposition'] ?? '';
  return [
    {
      headers,
      contentType: type.split(';')[0]!.trim().toLowerCase(),
      filename: param(disposition, 'filename') ?? param(type, 'name'),
      body: decodeBody(body, headers['content-transfer-encoding']),
    },
  ];
}
