import { describe, expect, test } from "vitest";

import {
  buildTimeline,
  dateAt,
  dateColumns,
  growthOf,
  periods,
  rankByGrowth,
  trendOf,
  widenTimeline,
} from "../../server/time/trends.js";

/** Papers dated by `date` strings ("" for none). */
const papersDated = (dates: string[]) =>
  dates.map((date, i) => (date === "" ? { id: `p${i}` } : { id: `p${i}`, date }));

describe("buildTimeline", () => {
  test("monthly over a short span, each paper on its month; recent = the last quarter of the buckets, rounded up", () => {
    const columns = dateColumns([
      ...papersDated(["2025-01-10", "2025-01", "2025-03-02", "2025-08-31", "2025", ""]),
      { id: "2506.01615" },
    ]);
    const timeline = buildTimeline(columns);
    expect(timeline.unit).toBe("month");
    expect(timeline.labels).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
    ]);
    // 8 buckets: the last ceil(8 / 4) = 2 are recent.
    expect(timeline.recentFrom).toBe(6);
    expect(Array.from(timeline.bucket)).toEqual([0, 0, 2, 7, -1, -1, 5]);
    expect(timeline.summary).toEqual({ dated: 6, derived: 1, undated: 1, unplaced: 1 });
    expect(dateAt(columns, 6)).toEqual({ month: 2025 * 12 + 5, precision: "month", source: "arxiv-id" });
  });

  test("yearly when the span is longer than five years, or when most papers know only their year", () => {
    const long = buildTimeline(dateColumns(papersDated(["2015-03", "2018-07", "2021-01"])));
    expect(long.unit).toBe("year");
    expect(long.labels).toEqual(["2015", "2016", "2017", "2018", "2019", "2020", "2021"]);
    expect(Array.from(long.bucket)).toEqual([0, 3, 6]);
    const yearsOnly = buildTimeline(
      dateColumns([{ id: "a", year: 2020 }, { id: "b", year: 2021 }, { id: "2101.00001" }]),
    );
    expect(yearsOnly.unit).toBe("year");
    expect(Array.from(yearsOnly.bucket)).toEqual([0, 1, 1]);
  });

  test("a few outliers are cut from the span and counted as unplaced", () => {
    const dates = [...Array.from({ length: 400 }, (_, i) => `2025-${String((i % 6) + 1).padStart(2, "0")}`), "2019-11"];
    const timeline = buildTimeline(dateColumns(papersDated(dates)));
    expect(timeline.unit).toBe("month");
    expect(timeline.labels[0]).toBe("2025-01");
    expect(timeline.labels.at(-1)).toBe("2025-06");
    expect(timeline.summary.unplaced).toBe(1);
    expect(timeline.bucket[400]).toBe(-1);
  });

  test("no dated paper: no buckets; one bucket: nothing to compare", () => {
    const none = buildTimeline(dateColumns(papersDated(["", ""])));
    expect(none.labels).toEqual([]);
    expect(none.summary).toEqual({ dated: 0, derived: 0, undated: 2, unplaced: 0 });
    const one = buildTimeline(dateColumns(papersDated(["2025-06", "2025-06-30"])));
    expect(one.labels).toEqual(["2025-06"]);
    expect(growthOf(one, trendOf(one, [0]), trendOf(one, null))).toBeNull();
  });

  test("options are checked at the entry", () => {
    expect(() => buildTimeline(dateColumns([]), { recentShare: 1 })).toThrow(/recentShare must be in \(0, 1\)/);
    expect(() => buildTimeline(dateColumns([]), { maxMonthlySpan: 0 })).toThrow(/maxMonthlySpan/);
  });
});

describe("trends and growth", () => {
  // 4 months, 100 papers each; set A holds 10 of each earlier month and 40 of each recent (last) month.
  const dates: string[] = [];
  for (const m of ["01", "02", "03", "04"]) for (let i = 0; i < 100; i++) dates.push(`2025-${m}`);
  const timeline = buildTimeline(dateColumns(papersDated(dates)));
  const setA = [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 100 + i)];
  setA.push(...Array.from({ length: 10 }, (_, i) => 200 + i), ...Array.from({ length: 40 }, (_, i) => 300 + i));
  const totals = trendOf(timeline, null);

  test("trend counts papers per bucket, optionally among the kept ones", () => {
    expect(timeline.recentFrom).toBe(3);
    expect(Array.from(trendOf(timeline, setA))).toEqual([10, 10, 10, 40]);
    const keep = new Uint8Array(400);
    for (let row = 0; row < 400; row += 2) keep[row] = 1;
    expect(Array.from(trendOf(timeline, setA, keep))).toEqual([5, 5, 5, 20]);
    expect(periods(trendOf(timeline, setA), timeline.recentFrom)).toEqual({ recent: 40, before: 30 });
  });

  test("growth is the recent share over the earlier share, shrunk toward 1 by the prior", () => {
    // Shares 40/100 against 30/300, with 5 prior papers split 1/4 recent, 3/4 before: (41.25/100) / (33.75/300).
    expect(growthOf(timeline, trendOf(timeline, setA), totals)).toBeCloseTo(41.25 / 100 / (33.75 / 300), 10);
    const exact = buildTimeline(dateColumns(papersDated(dates)), { prior: 0 });
    expect(growthOf(exact, trendOf(exact, setA), totals)).toBeCloseTo(4, 10);
    // A set with no papers at all is at 1 (no change), not undefined.
    expect(growthOf(timeline, new Int32Array(4), totals)).toBeCloseTo(1, 10);
  });

  test("rankByGrowth: emerging fastest first, fading slowest first, small sets left out", () => {
    const ranked = rankByGrowth(
      [
        { item: "a", growth: 2, papers: 50 },
        { item: "b", growth: 0.5, papers: 50 },
        { item: "c", growth: 9, papers: 3 },
        { item: "d", growth: 3, papers: 20 },
        { item: "e", growth: 0.2, papers: 20 },
        { item: "f", growth: null, papers: 90 },
        { item: "g", growth: 1, papers: 90 },
      ],
      10,
      5,
    );
    expect(ranked.emerging.map((r) => r.item)).toEqual(["d", "a"]);
    expect(ranked.fading.map((r) => r.item)).toEqual(["e", "b"]);
  });
});

describe("widenTimeline", () => {
  const monthly = buildTimeline(dateColumns(papersDated(["2025-03", "2025-04", "2025-05", "2025-06"])));
  const month = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;

  test("takes in later and earlier months, the rows' buckets moved with the start, the recent period remade", () => {
    expect(monthly.labels).toEqual(["2025-03", "2025-04", "2025-05", "2025-06"]);
    expect(monthly.recentFrom).toBe(3);
    const later = widenTimeline(monthly, monthly.start, month("2025-08"));
    expect(later.labels).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]);
    expect(later.recentFrom).toBe(4);
    expect(Array.from(later.bucket)).toEqual([0, 1, 2, 3]);
    const earlier = widenTimeline(monthly, month("2025-01"), monthly.start + 3);
    expect(earlier.labels[0]).toBe("2025-01");
    expect(Array.from(earlier.bucket)).toEqual([2, 3, 4, 5]);
    expect(widenTimeline(monthly, monthly.start + 1, monthly.start + 2)).toBe(monthly);
  });

  test("a monthly timeline grows to maxMonthlySpan months at most, later months first", () => {
    const short = buildTimeline(dateColumns(papersDated(["2025-03", "2025-04"])), { maxMonthlySpan: 4 });
    const widened = widenTimeline(short, month("2024-01"), month("2025-12"));
    expect(widened.labels).toEqual(["2025-03", "2025-04", "2025-05", "2025-06"]);
    const yearly = buildTimeline(
      dateColumns([
        { id: "a", year: 2020 },
        { id: "b", year: 2021 },
      ]),
    );
    expect(widenTimeline(yearly, 2018, 2030).labels).toHaveLength(13);
  });
});
