// The build cache gives back a build that answers exactly as the one saved (server/cache).

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cacheKey, previousClusters, saveCachedBuild } from "../../server/cache/build-cache.js";
import { loadCachedBuild } from "../../server/cache/read-entry.js";
import { readCorpus } from "../../server/corpus/read-corpus.js";
import type { Paper } from "../../server/corpus/types.js";
import { toGexf } from "../../server/graph/export-gexf.js";
import { toGraphJson } from "../../server/graph/export-json.js";
import { buildTopicGraph, type TopicGraphBuild } from "../../server/pipeline.js";
import { transformText } from "../../server/text/tfidf.js";

describe("build cache", () => {
  let directory = "";
  let papers: Paper[] = [];
  let build: TopicGraphBuild;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "topicgraph-cache-test-"));
    // Dated three ways (and not at all), so that the nodes' date and dateSource go through graph.json too.
    papers = (await readCorpus("data/papers.jsonl")).papers.map((paper, i) =>
      i % 4 === 0 ? { ...paper, date: "2025-06-03" } : i % 4 === 1 ? { ...paper, year: 2024 } : paper,
    );
    // LSA on, so that its arrays go through the cache too.
    build = await buildTopicGraph(papers, { lsaDimensions: 8 });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("misses a key it never saved and hits it after saving, with the same graph, model and lists", async () => {
    const key = cacheKey(papers, build.options);
    expect(await loadCachedBuild(directory, key)).toBeNull();
    await saveCachedBuild(directory, key, build, { corpusPath: "data/papers.jsonl" });
    const loaded = (await loadCachedBuild(directory, key))!;
    expect(loaded).not.toBeNull();
    expect(toGraphJson(loaded.graph)).toBe(toGraphJson(build.graph));
    expect(toGexf(loaded.graph)).toBe(toGexf(build.graph));
    const dated = loaded.graph.filterNodes((_id, node) => node.date !== undefined);
    expect(dated.length).toBe(Math.ceil(papers.length / 4) + Math.ceil((papers.length - 1) / 4));
    expect(loaded.graph.getNodeAttributes(papers[0].id)).toMatchObject({ date: "2025-06-03", dateSource: "date" });
    expect(Array.from(loaded.related.indices)).toEqual(Array.from(build.related.indices));
    expect(Array.from(loaded.related.scores)).toEqual(Array.from(build.related.scores));
    expect(Array.from(loaded.lsa!.embeddings)).toEqual(Array.from(build.lsa!.embeddings));
    expect(Array.from(loaded.expandedEmbeddings!)).toEqual(Array.from(build.expandedEmbeddings!));
    expect(Array.from(loaded.membership)).toEqual(Array.from(build.membership));
    expect(loaded.labels).toEqual(build.labels);
    expect(loaded.options).toEqual(build.options);
    // The restored lexicon and vocabulary fold new text exactly as the original model.
    const text = "Test-time compute for theorem proving with low-precision FP4 quantization";
    const fresh = transformText(build.model, text);
    const restored = transformText(loaded.model, text);
    expect(Array.from(restored.indices)).toEqual(Array.from(fresh.indices));
    expect(Array.from(restored.values)).toEqual(Array.from(fresh.values));
  });

  it("restores a lexicon that reads every word, key and surface as the built one, and grows as one", async () => {
    const loaded = (await loadCachedBuild(directory, cacheKey(papers, build.options)))!;
    const built = build.model.lexicon;
    const lexicon = loaded.model.lexicon;
    expect(lexicon).not.toBe(built);
    expect(lexicon.surfaces).toEqual(built.surfaces);
    expect(Array.from(lexicon.surfaceToken)).toEqual(Array.from(built.surfaceToken));
    expect(Array.from(lexicon.surfaceCount)).toEqual(Array.from(built.surfaceCount));
    expect(lexicon.displayForms()).toEqual(built.displayForms());
    expect(built.tokenKeys.map((key) => lexicon.tokenId(key))).toEqual(built.tokenKeys.map((_key, token) => token));
    const read = (of: typeof built, text: string) => {
      const out: number[] = [];
      of.lookup(text, out);
      return out;
    };
    // Every surface form, and every paper's text, read to the same tokens.
    expect(read(lexicon, built.surfaces.join(" "))).toEqual(read(built, built.surfaces.join(" ")));
    for (const paper of papers) expect(read(lexicon, paper.abstract)).toEqual(read(built, paper.abstract));
    // Its lookups made ahead (as a server does once ready), another restored copy reads the same.
    const prepared = (await loadCachedBuild(directory, cacheKey(papers, build.options)))!.model.lexicon;
    prepared.prepareLookups();
    expect(built.tokenKeys.map((key) => prepared.tokenId(key))).toEqual(built.tokenKeys.map((_key, token) => token));
    expect(read(prepared, built.surfaces.join(" "))).toEqual(read(built, built.surfaces.join(" ")));

    // Growing: a new key and surface take the next ids; a known surface gains its count.
    const surfaces = lexicon.surfaces.length;
    const tokens = lexicon.tokenCount;
    const counted = lexicon.surfaceCount[0];
    expect(lexicon.intern("zyxwv", "zyxwv", 2)).toBe(surfaces);
    expect(lexicon.intern(lexicon.surfaces[0], lexicon.tokenKeys[lexicon.surfaceToken[0]], 3)).toBe(0);
    expect(lexicon.tokenId("zyxwv")).toBe(tokens);
    expect([lexicon.surfaceToken[surfaces], lexicon.surfaceCount[surfaces]]).toEqual([tokens, 2]);
    expect(lexicon.surfaceCount[0]).toBe(counted + 3);
    expect(built.tokenId("zyxwv")).toBe(-1);
  });

  it("keys by content and options: another option or a changed abstract is another key", () => {
    const key = cacheKey(papers, build.options);
    expect(cacheKey(papers, { ...build.options, k: 3 })).not.toBe(key);
    const changed = papers.map((p, i) => (i === 5 ? { ...p, abstract: `${p.abstract} More.` } : p));
    expect(cacheKey(changed, build.options)).not.toBe(key);
    expect(cacheKey([...papers], { ...build.options })).toBe(key);
  });

  it("remembers the corpus's latest build for aligning clusters, and leaves no temporary entry", async () => {
    const previous = (await previousClusters(directory, "data/papers.jsonl"))!;
    expect(previous.ids).toEqual(build.graph.nodes());
    expect(Array.from(previous.clusters)).toEqual(Array.from(build.membership));
    expect(previous.colors).toEqual(build.graph.getAttribute("clusters").map((c) => c.color));
    expect(await previousClusters(directory, "another/corpus.jsonl")).toBeNull();
    expect(readdirSync(directory).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
