// The API's JSON as bytes: escapeJson (JSON.stringify's text with `<`, `>` and `&` as \u escapes, as Express's
// "json escape" writes them, server/app), and JsonBytes, which writes that text straight into bytes for answers
// assembled from stored bytes (api/paper-related-json). Every value goes
// through the same escaping as escapeJson(JSON.stringify(value)); test/api/json-bytes.test.ts holds them equal.

/** `<`, `>` and `&` as \u escapes, as Express's "json escape" writes them. */
export function escapeJson(json: string): string {
  return json.replace(/[<>&]/g, (c) => (c === "<" ? "\\u003c" : c === ">" ? "\\u003e" : "\\u0026"));
}

/**
 * The escape of each ASCII byte inside a JSON string ("" when written as it is): JSON.stringify's for `"`, `\` and
 * the control characters, escapeJson's for `<`, `>` and `&`. Bytes of 0x80 and above (UTF-8 sequences) are written
 * as they are, as JSON.stringify writes every well-formed character above U+001F.
 */
const ESCAPES: readonly string[] = Array.from({ length: 128 }, (_, byte) =>
  byte < 0x20 || byte === 0x22 || byte === 0x5c || byte === 0x3c || byte === 0x3e || byte === 0x26
    ? escapeJson(JSON.stringify(String.fromCharCode(byte)).slice(1, -1))
    : "",
);

/** 1 for the ASCII bytes that ESCAPES escapes. */
const ESCAPED = Uint8Array.from(ESCAPES, (escape) => (escape === "" ? 0 : 1));

/**
 * A JSON text being written into a growing buffer: `begin()` starts one, `take()` returns a copy of it. NOTE: JSON as
 * the app's "json escape" writes it, with no "json spaces".
 */
export class JsonBytes {
  private buffer = Buffer.allocUnsafe(16 * 1024);
  private length = 0;

  /** Starts a text, dropping whatever an earlier one left (one that threw before its take). */
  begin(): this {
    this.length = 0;
    return this;
  }

  /** Text known to need no escaping (punctuation, keys, a fragment already escaped). */
  raw(text: string): this {
    // NOTE: ASCII copied by this loop; a Buffer.write per piece (a call into C++) made a related-papers answer slower
    // than JSON.stringify of its objects (103 against 65 µs, 2,000 answers at 96k papers).
    this.reserve(text.length * 3);
    const out = this.buffer;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.length += out.write(text.slice(i), this.length, "utf8");
        return this;
      }
      out[this.length++] = code;
    }
    return this;
  }

  /** A string value, quoted and escaped. */
  string(value: string): this {
    this.reserve(value.length * 6 + 2);
    const out = this.buffer;
    const start = this.length;
    out[this.length++] = 0x22;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        // Not ASCII: JSON.stringify's own escaping (of lone surrogates too), from the start.
        this.length = start;
        return this.raw(escapeJson(JSON.stringify(value)));
      }
      const escape = ESCAPES[code];
      if (ESCAPED[code] === 0) out[this.length++] = code;
      else for (let e = 0; e < escape.length; e++) out[this.length++] = escape.charCodeAt(e);
    }
    out[this.length++] = 0x22;
    return this;
  }

  /** A number as JSON.stringify writes it (null when not finite). */
  number(value: number): this {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) return this.decimal(value, 1);
    return this.raw(Number.isFinite(value) ? String(value) : "null");
  }

  /**
   * query/round's round(value, digits) as JSON.stringify writes it, for `digits` from 0 to 6: the integer
   * m = Math.round(value * 10^digits) over 10^digits, whose shortest decimal is m's digits with the point put back (m
   * below 2^31 has at most 10 significant digits, fewer than a double tells apart; from 7 digits JSON.stringify would
   * write small values with an exponent). NOTE: with String() for the scores and weights, a related-papers answer
   * took 75-78 µs; with this, 55-66 µs (2,000 answers at 96k papers).
   */
  rounded(value: number, digits: number): this {
    if (!Number.isInteger(digits) || digits < 0 || digits > 6) {
      throw new RangeError(`api/json-bytes: digits must be an integer in [0, 6], got ${digits}`);
    }
    const scale = 10 ** digits;
    const m = Math.round(value * scale);
    if (!(Math.abs(m) < 2 ** 31)) return this.number(m / scale);
    return this.decimal(m, scale);
  }

  /** The integer `m` over `scale` (a power of ten), as its shortest decimal. */
  private decimal(m: number, scale: number): this {
    this.reserve(24);
    const out = this.buffer;
    if (m < 0) out[this.length++] = 0x2d;
    const magnitude = Math.abs(m);
    const whole = Math.floor(magnitude / scale);
    let fraction = magnitude - whole * scale;
    this.digits(whole);
    if (fraction === 0) return this;
    out[this.length++] = 0x2e;
    let place = scale / 10;
    while (fraction > 0) {
      const digit = Math.floor(fraction / place);
      out[this.length++] = 0x30 + digit;
      fraction -= digit * place;
      place /= 10;
    }
    return this;
  }

  /** A non-negative integer's digits. */
  private digits(value: number): void {
    let width = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) width++;
    this.length += width;
    let at = this.length - 1;
    let rest = value;
    do {
      this.buffer[at--] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /**
   * A string value from its UTF-8 bytes `bytes[start, end)` (which must be well-formed, as Buffer.write makes them),
   * quoted and escaped: the bytes are copied as they are unless one needs an escape.
   */
  utf8String(bytes: Uint8Array, start: number, end: number): this {
    this.reserve((end - start) * 6 + 2);
    const out = this.buffer;
    let at = this.length;
    out[at++] = 0x22;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (byte >= 0x80 || ESCAPED[byte] === 0) {
        out[at++] = byte;
        continue;
      }
      const escape = ESCAPES[byte];
      for (let e = 0; e < escape.length; e++) out[at++] = escape.charCodeAt(e);
    }
    out[at++] = 0x22;
    this.length = at;
    return this;
  }

  /** The JSON text written since the last take, as a buffer of its own. */
  take(): Buffer {
    const copy = Buffer.allocUnsafe(this.length);
    this.buffer.copy(copy, 0, 0, this.length);
    this.length = 0;
    return copy;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
