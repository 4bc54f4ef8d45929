// One paper as the API shows it: its abstract, cluster, top topics with their TF-IDF weights and optional fields.

import type { PaperDto, TopicDto } from "../api/dto.js";
import type { Paper } from "../corpus/types.js";
import type { TopicGraphBuild } from "../pipeline.js";
import type { ClusterIndex } from "./cluster-index.js";
import type { PaperIndex } from "./paper-index.js";
import { round } from "./round.js";

/** Every paper's top topics, as columns and TF-IDF weights, `width` per paper (-1 padded), by row. */
export interface PaperTopicTable {
  width: number;
  columns: Int32Array;
  weights: Float32Array;
}

/**
 * Every paper's top topics: the `topics` node attribute (chosen by the pipeline) with each term's column and weight
 * looked up in the paper's row. NOTE: choosing them again from each row (sort, then pickWithoutNesting) took 0.8 s at
 * 17.6k papers; the look-up gives the same terms by construction. Typed arrays rather than 100k small objects that
 * every major GC would mark.
 */
export function buildPaperTopicTable(build: TopicGraphBuild, papers: PaperIndex): PaperTopicTable {
  const { matrix, terms } = build.model;
  const columnsOf = new Map<string, number[]>();
  terms.forEach((term, column) => {
    const list = columnsOf.get(term);
    if (list === undefined) columnsOf.set(term, [column]);
    else list.push(column);
  });
  const width = build.options.paperTopics;
  const columns = new Int32Array(papers.summaries.length * width).fill(-1);
  const weights = new Float32Array(papers.summaries.length * width);
  papers.summaries.forEach(({ id }, row) => {
    build.graph
      .getNodeAttribute(id, "topics")
      .slice(0, width)
      .forEach((term, t) => {
        for (const column of columnsOf.get(term) ?? []) {
          const weight = weightAt(matrix.indices, matrix.values, matrix.indptr[row], matrix.indptr[row + 1], column);
          columns[row * width + t] = column;
          weights[row * width + t] = weight;
          if (weight > 0) break;
        }
      });
  });
  return { width, columns, weights };
}

function topicsOf(table: PaperTopicTable, terms: readonly string[], row: number): TopicDto[] {
  const out: TopicDto[] = [];
  for (let t = row * table.width; t < (row + 1) * table.width && table.columns[t] >= 0; t++) {
    out.push({ term: terms[table.columns[t]], weight: round(table.weights[t], 4) });
  }
  return out;
}

/** The value of `column` in a CSR row with ascending indices (binary search), 0 when absent. */
function weightAt(indices: Int32Array, values: Float32Array, start: number, end: number, column: number): number {
  let low = start;
  let high = end;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (indices[mid] < column) low = mid + 1;
    else high = mid;
  }
  return low < end && indices[low] === column ? values[low] : 0;
}

export function paperDetail(
  build: TopicGraphBuild,
  paper: Paper,
  row: number,
  papers: PaperIndex,
  clusters: ClusterIndex,
  topics: PaperTopicTable,
): PaperDto {
  const summary = papers.summaries[row];
  const dto: PaperDto = {
    ...summary,
    abstract: paper.abstract,
    clusterLabel: clusters.clusters[summary.cluster].label,
    topics: topicsOf(topics, build.model.terms, row),
  };
  if (paper.authors !== undefined) dto.authors = paper.authors;
  if (paper.url !== undefined) dto.url = paper.url;
  if (paper.categories !== undefined) dto.categories = paper.categories;
  return dto;
}
