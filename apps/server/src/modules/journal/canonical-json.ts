/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers serialised as ECMAScript's JSON.stringify does. The same value
 * always gives the same bytes, so a hash over it is stable across processes and databases.
 *
 * Refused (throws): non-finite numbers, bigint, functions, symbols, and lone surrogates in strings
 * (RFC 8785 requires well-formed Unicode). `undefined` object members are left out like JSON does;
 * `undefined` inside an array becomes null like JSON does. Objects with toJSON (Date) use it.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, []);
}

/**
 * Text that is already canonical JSON (an earlier `canonicalJson` result), embedded as is: the journal
 * hashes an entry whose payload it has just serialised, without parsing and serialising it again.
 */
export class CanonicalText {
  constructor(readonly text: string) {}
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// The path of the value being written, for error messages only: kept as a stack of keys and joined
// only when something is refused (building it for every member cost more than the serialising).
const where = (path: (string | number)[]) => `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;

function serialize(value: unknown, path: (string | number)[]): string {
  if (value === null) return 'null';
  if (value instanceof CanonicalText) return value.text;
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON(): unknown }).toJSON(), path);
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${where(path)} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new TypeError(`canonicalJson: ${where(path)} contains a lone surrogate`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          if (v === undefined) out += 'null';
          else {
            path.push(i);
            out += serialize(v, path);
            path.pop();
          }
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (i > 0) out += ',';
        out += serialize(k, path) + ':';
        path.push(k);
        out += serialize(record[k], path);
        path.pop();
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: ${where(path)} has unsupported type ${typeof value}`);
  }
}
