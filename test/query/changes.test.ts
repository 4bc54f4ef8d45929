// query/changes: papers added to and deleted from a served store answer at once, through the same queries as the
// build's papers. The seed corpus is built without a few of its papers, which are then added.

import { beforeAll, describe, expect, it } from "vitest";

import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { NotFoundError } from "../../server/errors.js";
import { buildTopicGraph } from "../../server/pipeline.js";
import { applyChanges } from "../../server/query/changes.js";
import { vectorOf } from "../../server/query/overlay.js";
import { topicRows } from "../../server/query/topic-changes.js";
import { termColumn } from "../../server/query/topic-counts.js";
import {
  clusterPapers,
  clusters,
  createStore,
  graph,
  health,
  paper,
  paperRelated,
  search,
  textRelated,
  topicPapers,
  topics,
  type TopicStore,
} from "../../server/query/index.js";

const OPTIONS = { lsaDimensions: 8 };
let corpus: Paper[];
/** The seed without HELD_OUT, and the seed whole. */
let store: TopicStore;
let full: TopicStore;
const HELD_OUT = [5, 20, 41, 66];
let held: Paper[];

beforeAll(async () => {
  corpus = (await readCorpus("data/papers.jsonl")).papers;
  held = HELD_OUT.map((i) => corpus[i]);
  const kept = corpus.filter((_p, i) => !HELD_OUT.includes(i));
  store = createStore(await buildTopicGraph(kept, OPTIONS), { papers: kept, builtAt: new Date(0), buildMs: 0 });
  full = createStore(await buildTopicGraph(corpus, OPTIONS), { papers: corpus, builtAt: new Date(0), buildMs: 0 });
});

const graphOf = (s: TopicStore) => graph(s);
const relatedIds = (s: TopicStore, id: string, k = 10) => paperRelated(s, id, k).related.map((r) => r.id);

describe("applyChanges: an added paper", () => {
  it("is answered by id, provisional, with its related papers as a full build ranks them", () => {
    const next = applyChanges(store, { added: held, deleted: [] });
    expect(next.info.papers).toBe(store.info.papers + held.length);
    const overlap = (a: string[], b: string[]) => a.filter((id) => b.includes(id)).length;
    const heldOverlap: number[] = [];
    for (const added of held) {
      const detail = paper(next, added.id).paper;
      expect(detail).toMatchObject({ id: added.id, title: added.title, abstract: added.abstract, provisional: true });
      expect(detail.topics.length).toBeGreaterThan(0);
      const related = relatedIds(next, added.id);
      expect(related).toHaveLength(10);
      heldOverlap.push(overlap(related, relatedIds(full, added.id)));
      // Its cluster is the one its related papers are in most.
      const votes = new Map<number, number>();
      for (const r of paperRelated(next, added.id, 10).related) votes.set(r.cluster, (votes.get(r.cluster) ?? 0) + 1);
      const top = Math.max(...votes.values());
      expect(votes.get(detail.cluster)).toBeGreaterThanOrEqual(top - 2);
      expect(detail.confidence).toBeGreaterThan(0);
      expect(detail.confidence).toBeLessThanOrEqual(1);
    }
    // NOTE: the build without them has a vocabulary and an LSA space of its own, so even the kept papers' lists
    // differ from the full build's (on the seed, 5.8 of 10 papers in common on average): an added paper's list is
    // as close to the full build's as theirs.
    const keptOverlap = corpus
      .filter((_p, i) => !HELD_OUT.includes(i))
      .map((p) => overlap(relatedIds(store, p.id), relatedIds(full, p.id)));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(heldOverlap)).toBeGreaterThanOrEqual(mean(keptOverlap) - 1.5);
  });

  it("enters the related lists of the papers where it ranks", () => {
    const next = applyChanges(store, { added: held, deleted: [] });
    let entered = 0;
    for (const added of held) {
      for (const r of paperRelated(next, added.id, 5).related) {
        // The similarity is symmetric: where the added paper scores above the fifth of r's list, it is in that list.
        const list = paperRelated(next, r.id, 100).related;
        const at = list.findIndex((x) => x.id === added.id);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(list[at].score).toBeCloseTo(r.score, 4);
        if (at < 10) entered++;
      }
    }
    expect(entered).toBeGreaterThan(0);
  });

  it("is found by search and by the text-related query, first for its own title", () => {
    const next = applyChanges(store, { added: held, deleted: [] });
    for (const added of held) {
      expect(search(store, added.title, 5, 0).results.map((r) => r.id)).not.toContain(added.id);
      expect(search(next, added.title, 5, 0).results[0].id).toBe(added.id);
      expect(textRelated(next, `${added.title}. ${added.abstract}`, 3).related[0].id).toBe(added.id);
    }
  });

  it("is on the map beside the papers it links to, in its cluster, and the map's answers change", () => {
    const next = applyChanges(store, { added: held, deleted: [] });
    const before = graphOf(store);
    const after = graphOf(next);
    expect(after.nodes).toHaveLength(before.nodes.length + held.length);
    expect(before.nodes.some((n) => n.provisional)).toBe(false);
    for (const added of held) {
      const at = after.nodes.findIndex((n) => n.id === added.id);
      const node = after.nodes[at];
      expect(node).toMatchObject({ provisional: true, cluster: paper(next, added.id).paper.cluster });
      expect(node.color).toBe(after.clusters[node.cluster].color);
      const neighbours = after.edges.filter(([s, t]) => s === at || t === at).map(([s, t]) => (s === at ? t : s));
      expect(neighbours.length).toBeGreaterThan(0);
      // Inside its cluster's disc as it was, and nearer to its nearest neighbour there than the disc's radius.
      const disc = clusters(store).clusters[node.cluster];
      expect(Math.hypot(node.x - disc.x, node.y - disc.y)).toBeLessThanOrEqual(disc.radius + 2 * node.size);
      const near = neighbours.filter((i) => after.nodes[i].cluster === node.cluster);
      if (near.length > 0) {
        const nearest = Math.min(...near.map((i) => Math.hypot(after.nodes[i].x - node.x, after.nodes[i].y - node.y)));
        expect(nearest).toBeLessThan(disc.radius);
      }
      const page = clusterPapers(next, node.cluster, 1000, 0).papers.map((p) => p.id);
      expect(page).toContain(added.id);
    }
    const sizes = (s: TopicStore) => clusters(s).clusters.map((c) => c.size);
    expect(sizes(next).reduce((a, b) => a + b, 0)).toBe(store.info.papers + held.length);
    expect(health(next, 0).papers).toBe(store.info.papers + held.length);
  });

  it("lands beside its twin: a copy of a paper under another id", () => {
    const twin = corpus[HELD_OUT.length === 0 ? 0 : 1];
    const copy = { ...twin, id: "copy-of-a-paper" };
    const next = applyChanges(store, { added: [copy], deleted: [] });
    const related = paperRelated(next, copy.id, 3).related;
    expect(related[0].id).toBe(twin.id);
    expect(related[0].score).toBeGreaterThan(0.99);
    expect(relatedIds(next, twin.id, 1)).toEqual([copy.id]);
    expect(paper(next, copy.id).paper.cluster).toBe(paper(store, twin.id).paper.cluster);
    const graph = graphOf(next);
    const [a, b] = [graph.nodes.find((n) => n.id === copy.id)!, graph.nodes.find((n) => n.id === twin.id)!];
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThanOrEqual(2 * a.size + 0.01);
    expect(a.subcluster).toBe(b.subcluster);
  });

  it("sees the papers added before it in the same change", () => {
    const first = { ...held[0], id: "first" };
    const second = { ...held[0], id: "second" };
    const next = applyChanges(store, { added: [first, second], deleted: [] });
    expect(relatedIds(next, "second", 1)).toEqual(["first"]);
    expect(relatedIds(next, "first", 1)).toEqual(["second"]);
  });

  it("replaces the paper with its id", () => {
    const twin = corpus[1];
    const renamed = { ...corpus[0], id: twin.id };
    const next = applyChanges(store, { added: [renamed], deleted: [] });
    expect(next.info.papers).toBe(store.info.papers);
    expect(paper(next, twin.id).paper.title).toBe(corpus[0].title);
    expect(search(next, twin.title, 10, 0).results.map((r) => r.id)).not.toContain(twin.id);
    expect(relatedIds(next, corpus[0].id, 1)).toEqual([twin.id]);
  });

  it("with no word of the build's vocabulary joins the largest cluster, unlinked, with confidence 0", () => {
    const stranger = { id: "stranger", title: "Qwxyz zzkv", abstract: "Plmokn vbgtyh qazwsx." };
    const next = applyChanges(store, { added: [stranger], deleted: [] });
    const detail = paper(next, "stranger").paper;
    const sizes = clusters(store).clusters.map((c) => c.size);
    expect(detail.cluster).toBe(sizes.indexOf(Math.max(...sizes)));
    expect(detail.confidence).toBe(0);
    expect(paperRelated(next, "stranger", 5).related).toEqual([]);
    const graph = graphOf(next);
    const at = graph.nodes.findIndex((n) => n.id === "stranger");
    expect(graph.edges.some(([s, t]) => s === at || t === at)).toBe(false);
    expect(search(next, "plmokn", 5, 0).results.map((r) => r.id)).toEqual(["stranger"]);
  });
});

describe("applyChanges: topic lists", () => {
  it("hold the added papers that contain the term, heaviest first among the build's, provisional", () => {
    const next = applyChanges(store, { added: held, deleted: [corpus[1].id] });
    const { model, overlay } = next.build;
    let checked = 0;
    for (const added of held) {
      for (const { term } of paper(next, added.id).paper.topics) {
        const column = termColumn(model, term);
        const list = topicRows(next.build, term).rows;
        // Every row that contains the term now, each once, deleted ones left out.
        const expected = new Set<number>();
        for (let row = 0; row < next.papers.length; row++) {
          if (overlay!.deleted[row] !== 1 && vectorOf(next.build, row).indices.includes(column)) expected.add(row);
        }
        expect(new Set(list)).toEqual(expected);
        expect(list).toHaveLength(expected.size);
        const weight = (row: number) => {
          const vector = vectorOf(next.build, row);
          return vector.values[vector.indices.indexOf(column)];
        };
        for (let at = 1; at < list.length; at++) expect(weight(list[at - 1])).toBeGreaterThanOrEqual(weight(list[at]));
        const listed = topicPapers(next, term, 1000, 0);
        expect(listed.total).toBe(list.length);
        expect(listed.papers.find((p) => p.id === added.id)).toMatchObject({ provisional: true });
        expect(listed.papers.filter((p) => p.provisional).length).toBe(
          list.filter((row) => row >= overlay!.base).length,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(held.length);
  });
});

describe("applyChanges: a deleted paper", () => {
  it("leaves every answer", () => {
    const gone = corpus[1];
    const next = applyChanges(store, { added: [], deleted: [gone.id] });
    expect(() => paper(next, gone.id)).toThrow(NotFoundError);
    expect(() => paperRelated(next, gone.id, 5)).toThrow(NotFoundError);
    expect(next.info.papers).toBe(store.info.papers - 1);
    for (const p of corpus) {
      if (p.id === gone.id || HELD_OUT.includes(corpus.indexOf(p))) continue;
      expect(relatedIds(next, p.id, 100)).not.toContain(gone.id);
    }
    expect(search(next, gone.title, 10, 0).results.map((r) => r.id)).not.toContain(gone.id);
    expect(textRelated(next, gone.abstract, 10).related.map((r) => r.id)).not.toContain(gone.id);
    const graph = graphOf(next);
    expect(graph.nodes.map((n) => n.id)).not.toContain(gone.id);
    expect(graph.nodes).toHaveLength(store.info.papers - 1);
    for (const [s, t] of graph.edges) {
      expect(s).toBeLessThan(graph.nodes.length);
      expect(t).toBeLessThan(graph.nodes.length);
    }
    const cluster = paper(store, gone.id).paper.cluster;
    expect(clusters(next).clusters[cluster].size).toBe(clusters(store).clusters[cluster].size - 1);
    expect(clusterPapers(next, cluster, 1000, 0).papers.map((p) => p.id)).not.toContain(gone.id);
    for (const { term } of topics(next, 50).topics) {
      expect(topicPapers(next, term, 1000, 0).papers.map((p) => p.id)).not.toContain(gone.id);
    }
  });

  it("can be an added one, and unknown ids change nothing", () => {
    const added = applyChanges(store, { added: [held[0]], deleted: [] });
    const next = applyChanges(added, { added: [], deleted: [held[0].id] });
    expect(() => paper(next, held[0].id)).toThrow(NotFoundError);
    expect(next.info.papers).toBe(store.info.papers);
    expect(search(next, held[0].title, 5, 0).results.map((r) => r.id)).not.toContain(held[0].id);
    expect(applyChanges(store, { added: [], deleted: ["no-such-paper"] })).toBe(store);
  });
});

describe("applyChanges: versions", () => {
  it("leaves the store it started from as it was", () => {
    const body = JSON.stringify(graph(store));
    const related = relatedIds(store, corpus[1].id, 20);
    const once = applyChanges(store, { added: held, deleted: [corpus[1].id] });
    applyChanges(once, { added: [{ ...held[0], id: "again" }], deleted: [corpus[2].id] });
    expect(JSON.stringify(graph(store))).toBe(body);
    expect(relatedIds(store, corpus[1].id, 20)).toEqual(related);
    expect(paper(once, corpus[2].id).paper.id).toBe(corpus[2].id);
    expect(() => paper(once, "again")).toThrow(NotFoundError);
  });

  it("are each as made alone when several are made from one (a draft appends to its version's columns in place)", () => {
    const map = (s: TopicStore) => {
      const { nodes, edges } = graphOf(s);
      return JSON.stringify({ nodes, edges, related: relatedIds(s, held[0].id, 20) });
    };
    const first = applyChanges(store, { added: [held[0]], deleted: [] });
    const firstMap = map(first);
    const steps = [
      { added: [held[1]], deleted: [] },
      { added: [held[2]], deleted: [] },
      { added: [held[3]], deleted: [corpus[1].id] },
    ];
    const branches = steps.map((step) => applyChanges(first, step));
    const later = applyChanges(branches[0], { added: [{ ...held[2], id: "later" }], deleted: [] });
    const laterMap = map(later);
    const branchMaps = branches.map(map);
    // Made again, each on its own: the same maps, and the version they were made from unchanged.
    steps.forEach((step, at) => {
      expect(branchMaps[at]).toBe(map(applyChanges(applyChanges(store, { added: [held[0]], deleted: [] }), step)));
    });
    expect(map(first)).toBe(firstMap);
    expect(map(applyChanges(first, { added: [], deleted: ["no-such-paper"] }))).toBe(firstMap);
    expect(map(later)).toBe(laterMap);
    expect(branches.map(map)).toEqual(branchMaps);
  });

  it("added one by one or at once, the map holds the same papers", () => {
    let stepwise = store;
    for (const p of held) stepwise = applyChanges(stepwise, { added: [p], deleted: [] });
    const once = applyChanges(store, { added: held, deleted: [] });
    const ids = (s: TopicStore) => graphOf(s).nodes.map((n) => n.id);
    expect(ids(stepwise)).toEqual(ids(once));
    for (const p of held) expect(paper(stepwise, p.id).paper).toEqual(paper(once, p.id).paper);
  });
});
