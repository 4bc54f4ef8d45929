// A store version's timeline and trends (query/trend-index extendTimeline, extendTrendIndex) are those made from
// scratch over the papers on the map now: the build's timeline widened to the span of their dates trimmed as
// buildTimeline trims a corpus's (one paper of an outlying date stretches nothing), each paper on its bucket (a build's
// paper its trimming left off too, once the span reaches its date), deleted ones on none; the trends counted on it.

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { applyChanges, type MapChanges } from "../../server/query/changes.js";
import { createStore, type TopicStore } from "../../server/query/index.js";
import { columnRows } from "../../server/query/topic-changes.js";
import { buildTrendIndex } from "../../server/query/trend-index.js";
import { bucketOn, positionIn, widenTimeline } from "../../server/time/trends.js";

const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];
/** The build's one paper of an outlying month, which its timeline trims. */
const EARLY = "2022-03";
let papers: Paper[];
let store: TopicStore;

beforeAll(async () => {
  const seed = (await readCorpus("data/papers.jsonl")).papers;
  // Three copies of the seed: enough dated papers (222) for the trimming to cut one from each end.
  papers = [0, 1, 2].flatMap((copy) =>
    seed.map((paper, i) => ({ ...paper, id: `${paper.id}-${copy}`, date: `${MONTHS[(i + copy) % 8]}-10` })),
  );
  papers[5] = { ...papers[5], date: `${EARLY}-10` };
  store = createStore(await buildTopicGraph(papers, { lsaDimensions: 8 }), {
    papers,
    builtAt: new Date(0),
    buildMs: 0,
  });
  expect(store.trends.timeline.labels).toEqual(MONTHS);
}, 60_000);

const dated = (id: string, date: string, from = 0): Paper => ({ ...papers[from], id, date });

/** The version's timeline made from scratch: the span of its live papers' dates, trimmed, widened onto the build's. */
function expectAsFromScratch(version: TopicStore): void {
  const built = store.trends.timeline;
  const { timeline, dates } = version.trends;
  const deleted = version.build.overlay!.deleted;
  const live = Array.from({ length: dates.months.length }, (_, row) => row).filter((row) => deleted[row] !== 1);
  const positions = live
    .map((row) => positionIn(built.unit, dates.months[row], dates.kinds[row]))
    .filter((at): at is number => at !== null)
    .sort((a, b) => a - b);
  const cut = Math.floor(positions.length * built.options.trim);
  const expected = widenTimeline(built, positions[cut], positions[positions.length - 1 - cut]);
  expect(timeline.labels).toEqual(expected.labels);
  expect(timeline.recentFrom).toBe(expected.recentFrom);
  const bucket = Array.from(dates.months, (month, row) =>
    deleted[row] === 1 ? -1 : bucketOn(expected, month, dates.kinds[row]),
  );
  expect(Array.from(timeline.bucket)).toEqual(bucket);
  const datedRows = live.filter((row) => dates.kinds[row] !== 0);
  expect(timeline.summary).toEqual({
    dated: datedRows.length,
    derived: datedRows.filter((row) => dates.kinds[row] === 4).length,
    undated: live.length - datedRows.length,
    unplaced: datedRows.filter((row) => bucket[row] < 0).length,
  });
  // The trends counted on it from scratch.
  const scratch = buildTrendIndex(
    dates,
    version.clusterIndex.members,
    (column) => columnRows(version.build, column),
    version.topicCounts,
    timeline,
  );
  const { trends } = version;
  expect(Array.from(trends.totals)).toEqual(Array.from(scratch.totals));
  expect(trends.clusters).toEqual(scratch.clusters);
  expect(trends.topics).toEqual(scratch.topics);
  expect(trends.timelineDto).toEqual(scratch.timelineDto);
}

describe("a store version's timeline", () => {
  it("is not stretched by one paper of an outlying date, which is unplaced", () => {
    // (One before the build's trimmed paper would put that one back on it: see below.)
    const version = applyChanges(store, { added: [dated("outlier", "2031-05-01")], deleted: [] });
    expectAsFromScratch(version);
    expect(version.trends.timeline.labels).toEqual(MONTHS);
    expect(version.trends.timeline.summary.unplaced).toBe(store.trends.timeline.summary.unplaced + 1);
  });

  it("widens to the dates enough papers reach, placing the build's paper it trimmed, and back when they go", () => {
    const steps: MapChanges[] = [
      { added: [dated("outlier", "1990-05-01")], deleted: [] },
      // Two papers before the build's trimmed one: its month is within the span now.
      { added: [dated("early-1", "2022-01-05", 1), dated("early-2", "2022-01-20", 2)], deleted: [] },
      // A month after the build's: one paper is trimmed, then a second is not.
      { added: [dated("late-1", "2025-10-01", 3)], deleted: [papers[7].id] },
      { added: [dated("late-2", "2025-10-02", 4)], deleted: [] },
      { added: [], deleted: ["early-1", "early-2", "late-2"] },
      { added: [], deleted: ["late-1", "outlier"] },
    ];
    let version = store;
    const labels: string[][] = [];
    for (const step of steps) {
      version = applyChanges(version, step);
      expectAsFromScratch(version);
      labels.push(version.trends.timeline.labels);
    }
    expect(labels[1][0]).toBe("2022-01");
    expect(version.trends.timeline.labels).toEqual(MONTHS);
    const early = store.paperIndex.rows.get(papers[5].id)!;
    expect(store.trends.timeline.bucket[early]).toBe(-1);
    const widened = applyChanges(store, steps[1]);
    expect(widened.trends.timeline.bucket[early]).toBe(widened.trends.timeline.labels.indexOf(EARLY));
    expect(labels[3].at(-1)).toBe("2025-10");
  });
});
