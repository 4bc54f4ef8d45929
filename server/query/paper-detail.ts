// One paper as the API shows it: its abstract, cluster, top topics with their TF-IDF weights and optional fields.

import type { PaperDto, TopicDto } from "../api/dto.js";
import type { Paper } from "../corpus/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import { rowOf } from "../text/sparse.js";
import type { ClusterIndex } from "./cluster-index.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "./round.js";
import type { TopicPicker } from "./topic-picker.js";

/**
 * The paper's heaviest TF-IDF terms without nested duplicates, with their weights: the same choice as the `topics`
 * node attribute (graph/explain paperTopics), which keeps only the display forms.
 */
export function paperTopicWeights(build: TopicGraphBuild, pick: TopicPicker, row: number, limit: number): TopicDto[] {
  const { model } = build;
  const { indices, values } = rowOf(model.matrix, row);
  const ranked = Array.from(indices, (column, k) => ({ column, weight: values[k] })).sort(
    (a, b) => b.weight - a.weight || a.column - b.column,
  );
  return pick(ranked, limit, (t) => t.column).map((t) => ({
    term: model.terms[t.column],
    weight: round(t.weight, 4),
  }));
}

/** Every paper's top topics with their weights, by row (`limit` each), computed once per graph. */
export function allPaperTopics(build: TopicGraphBuild, pick: TopicPicker, limit: number): TopicDto[][] {
  return Array.from({ length: build.model.matrix.rows }, (_, row) => paperTopicWeights(build, pick, row, limit));
}

export function paperDetail(
  paper: Paper,
  row: number,
  papers: PaperIndex,
  clusters: ClusterIndex,
  topics: readonly TopicDto[][],
): PaperDto {
  const summary = papers.summaries[row];
  const dto: PaperDto = {
    ...summary,
    abstract: paper.abstract,
    clusterLabel: clusters.clusters[summary.cluster].label,
    topics: topics[row],
  };
  if (paper.authors !== undefined) dto.authors = paper.authors;
  if (paper.url !== undefined) dto.url = paper.url;
  if (paper.categories !== undefined) dto.categories = paper.categories;
  return dto;
}
