import { describe, expect, test } from "vitest";

import { normalizeRecord } from "../../server/corpus/normalize-record.js";
import { arxivIdMonth, formatMonth, paperDate, readIsoDate } from "../../server/time/paper-date.js";

const month = (year: number, m: number) => year * 12 + m - 1;

describe("readIsoDate", () => {
  test("keeps ISO 8601 dates and date-times as precise as written", () => {
    expect(readIsoDate(" 2025 ")).toBe("2025");
    expect(readIsoDate("2025-06")).toBe("2025-06");
    expect(readIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(readIsoDate("2025-06-02T17:59:59Z")).toBe("2025-06-02T17:59:59Z");
    expect(readIsoDate("2025-06-02 17:59:59+02:00")).toBe("2025-06-02T17:59:59+02:00");
  });

  test("drops what is not a valid date", () => {
    for (const bad of [
      "2025-13",
      "2025-02-29",
      "2025-00-10",
      "June 2025",
      "2025/06/02",
      "2025-06-02T25:00",
      "",
      2025,
    ]) {
      expect(readIsoDate(bad)).toBeUndefined();
    }
  });
});

describe("arxivIdMonth", () => {
  test("new-style ids, with a prefix, a version or as an arXiv URL", () => {
    expect(arxivIdMonth("2506.01615")).toBe(month(2025, 6));
    expect(arxivIdMonth("arXiv:2312.1234v3")).toBe(month(2023, 12));
    expect(arxivIdMonth("0704.0001")).toBe(month(2007, 4));
    expect(arxivIdMonth("https://arxiv.org/abs/2601.00012v1")).toBe(month(2026, 1));
    expect(arxivIdMonth("https://arxiv.org/pdf/2601.00012.pdf")).toBe(month(2026, 1));
  });

  test("refuses old-style ids, months out of range, ids before April 2007 and other ids", () => {
    for (const id of ["hep-th/9901001", "2513.01615", "2500.01615", "0703.1234", "streambp-memory", "12506.01615"]) {
      expect(arxivIdMonth(id)).toBeUndefined();
    }
  });
});

describe("paperDate", () => {
  test("date first, then year, then the arXiv id (derived)", () => {
    expect(paperDate({ id: "2506.01615", date: "2024-03-05", year: 2023 })).toEqual({
      month: month(2024, 3),
      precision: "month",
      source: "date",
    });
    expect(paperDate({ id: "2506.01615", date: "2024" })).toEqual({
      month: 2024 * 12,
      precision: "year",
      source: "date",
    });
    expect(paperDate({ id: "2506.01615", year: 2023 })).toEqual({
      month: 2023 * 12,
      precision: "year",
      source: "year",
    });
    expect(paperDate({ id: "2506.01615" })).toEqual({ month: month(2025, 6), precision: "month", source: "arxiv-id" });
    expect(paperDate({ id: "x", url: "https://arxiv.org/abs/2409.00001" })?.month).toBe(month(2024, 9));
    expect(paperDate({ id: "some-slug" })).toBeUndefined();
  });

  test("formatMonth", () => {
    expect(formatMonth(month(2025, 6))).toBe("2025-06");
    expect(formatMonth(month(2025, 12), "year")).toBe("2025");
  });
});

describe("normalizeRecord reads dates", () => {
  const paperOf = (fields: Record<string, unknown>) => {
    const result = normalizeRecord({ title: "T", abstract: "A", ...fields });
    if ("reason" in result) throw new Error(result.reason);
    return result.paper;
  };

  test("date, else published; the year from the date when none is given", () => {
    expect(paperOf({ date: "2025-06-03" })).toMatchObject({ date: "2025-06-03", year: 2025 });
    expect(paperOf({ published: "2024-01-31T10:00:00Z" })).toMatchObject({ date: "2024-01-31T10:00:00Z", year: 2024 });
    expect(paperOf({ date: "2025-06", year: 2020 })).toMatchObject({ date: "2025-06", year: 2020 });
    expect(paperOf({ date: "yesterday" }).date).toBeUndefined();
    expect(paperOf({ date: "yesterday" }).year).toBeUndefined();
  });
});
