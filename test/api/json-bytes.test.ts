// api/json-bytes: every value it writes is the bytes of escapeJson(JSON.stringify(value)), whatever the characters
// (each ASCII byte, controls, quotes, markup, non-ASCII, emoji, a lone surrogate as Buffer.write stores it), numbers
// of every kind, and texts longer than its first buffer.

import { describe, expect, it } from "vitest";

import { escapeJson, JsonBytes } from "../../server/api/json-bytes.js";
import { round } from "../../server/query/round.js";

const expected = (value: unknown) => Buffer.from(escapeJson(JSON.stringify(value)), "utf8");

/** A string as the paper table stores and decodes it (lone surrogates become U+FFFD). */
const stored = (value: string) => Buffer.from(value, "utf8");

const STRINGS = [
  "",
  "plain title",
  '"quoted" and \\back\\slashed\\',
  "<script>alert('x')</script> & <b>",
  "tab\there, line\nfeed, return\r, \b\f, NUL \u0000, ESC \u001b, unit \u001f, DEL \u007f",
  "Über «graphs» — 量子 error correction مرحبا ⁦isolated⁩ \u2028\u2029",
  "🚀 Fast graph neural network training 🔥",
  "lone \ud800 surrogate",
  `${"<&>".repeat(3000)}${"é".repeat(5000)}`,
];

/** Strings of random characters drawn from a pool of the ones that need care, seeded. */
function randomStrings(count: number): string[] {
  const pool = ['"', "\\", "<", ">", "&", "\n", "\u0001", "\u001f", " ", "a", "Z", "é", "量", "🚀", "\u007f", "/"];
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () =>
    Array.from({ length: next() % 40 }, () => pool[next() % pool.length]).join(""),
  );
}

describe("JsonBytes", () => {
  it("writes each ASCII character inside a string as JSON.stringify and escapeJson do", () => {
    const json = new JsonBytes();
    for (let code = 0; code < 128; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      const bytes = stored(text);
      expect(json.utf8String(bytes, 0, bytes.length).take().toString("latin1"), `code ${code}`).toBe(
        expected(text).toString("latin1"),
      );
      expect(json.string(text).take().equals(expected(text)), `code ${code}`).toBe(true);
    }
  });

  it("writes strings from their UTF-8 bytes, and from JS strings, as escapeJson(JSON.stringify(s))", () => {
    const json = new JsonBytes();
    for (const text of [...STRINGS, ...randomStrings(2000)]) {
      const bytes = stored(text);
      const decoded = bytes.toString("utf8");
      expect(json.utf8String(bytes, 0, bytes.length).take().equals(expected(decoded)), JSON.stringify(text)).toBe(true);
      expect(json.string(text).take().equals(expected(text)), JSON.stringify(text)).toBe(true);
    }
  });

  it("writes a slice of a column of strings, and numbers, as JSON.stringify does", () => {
    const column = Buffer.concat(STRINGS.map(stored));
    const json = new JsonBytes();
    let at = 0;
    json.raw("[");
    STRINGS.forEach((text, i) => {
      const length = stored(text).length;
      json.raw(i === 0 ? "" : ",").utf8String(column, at, at + length);
      at += length;
    });
    const numbers = [0, -0, 1, -7, 0.1 + 0.2, 1e21, 1e-7, 2 ** 53 + 2, 0.4567, NaN, Infinity, -Infinity];
    for (const n of numbers) json.raw(",").number(n);
    const text = json.raw("]").take();
    expect(text.equals(expected([...STRINGS.map((s) => stored(s).toString("utf8")), ...numbers]))).toBe(true);
  });

  it("gives each take a buffer of its own", () => {
    const json = new JsonBytes();
    const first = json.raw("[").string("first").raw("]").take();
    const second = json.raw("[").string("second").raw("]").take();
    expect(first.toString()).toBe('["first"]');
    expect(second.toString()).toBe('["second"]');
  });
});

describe("JsonBytes.rounded", () => {
  it("writes round(value, digits) as JSON.stringify does, for digits 0 to 6", () => {
    const values = [0, -0, -0.00003, 0.00005, -0.00005, 1.23445, 0.5, 2.5, -2.5, 1, -1, 123456.78915, 0.1 + 0.2];
    let state = 11;
    for (let i = 0; i < 20_000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      values.push(((state / 2 ** 32) * 2 - 1) * 10 ** ((state % 7) - 3));
    }
    values.push(NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 3e9, -3e9, 1e300);
    const json = new JsonBytes();
    for (const digits of [0, 1, 3, 4, 6]) {
      for (const value of values) {
        const written = json.begin().rounded(value, digits).take().toString("latin1");
        if (written !== JSON.stringify(round(value, digits))) {
          expect(written, `round(${value}, ${digits})`).toBe(JSON.stringify(round(value, digits)));
        }
      }
    }
    for (const n of [2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) + 1, 2 ** 53, -7, 0]) {
      expect(json.begin().number(n).take().toString("latin1")).toBe(JSON.stringify(n));
    }
  });

  it("refuses digits it cannot write as JSON.stringify does", () => {
    expect(() => new JsonBytes().rounded(0.5, 7)).toThrow(/digits must be an integer in \[0, 6\], got 7/);
    expect(() => new JsonBytes().rounded(0.5, 1.5)).toThrow(/got 1.5/);
  });

  it("begins each text afresh, whatever an unfinished one left", () => {
    const json = new JsonBytes();
    json.raw('{"unfinished":');
    expect(json.begin().raw("[").number(1).raw("]").take().toString()).toBe("[1]");
  });
});
