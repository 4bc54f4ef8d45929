// One paper as the API shows it: its abstract, cluster, top topics with their TF-IDF weights and optional fields.

import type { PaperDto, TopicDto } from "../contract/index.js";
import type { TfidfModel } from "../text/tfidf.js";
import { round } from "../round.js";
import type { ClusterIndex } from "./cluster-index.js";
import type { GraphColumns } from "./graph-columns.js";
import { paperSummary, type PaperIndex } from "./paper-index.js";
import { termColumn, type PaperTopicTable } from "./topic-counts.js";

/**
 * Every paper's top topics: the `topics` node attribute (chosen by the pipeline) with each term's column and weight
 * looked up in the paper's row. NOTE: cheaper than choosing them again from each row (sort, then pickWithoutNesting),
 * and the same terms by construction. Typed arrays rather than many small objects that every major GC would mark.
 */
export function buildPaperTopicTable(model: TfidfModel, graph: GraphColumns): PaperTopicTable {
  const { matrix } = model;
  // The column of each topic term: a paper's topic is written as the paper writes it, which the TF-IDF reads by stem.
  const columnsOf: number[][] = graph.topicTerms.map((term) => {
    const column = termColumn(model, term);
    return column < 0 ? [] : [column];
  });
  const width = graph.topicWidth;
  const rows = graph.ids.length;
  const columns = new Int32Array(rows * width).fill(-1);
  const weights = new Float32Array(rows * width);
  for (let row = 0; row < rows; row++) {
    const [start, end] = [matrix.indptr[row], matrix.indptr[row + 1]];
    for (let t = row * width; t < (row + 1) * width && graph.topics[t] >= 0; t++) {
      for (const column of columnsOf[graph.topics[t]]) {
        const weight = weightAt(matrix.indices, matrix.values, start, end, column);
        columns[t] = column;
        weights[t] = weight;
        if (weight > 0) break;
      }
    }
  }
  return { width, columns, weights };
}

/** A paper's topics as it writes them (the graph's), with their TF-IDF weights. */
function topicsOf(table: PaperTopicTable, graph: GraphColumns, row: number): TopicDto[] {
  const out: TopicDto[] = [];
  for (let t = row * table.width; t < (row + 1) * table.width && table.columns[t] >= 0; t++) {
    out.push({ term: graph.topicTerms[graph.topics[t]], weight: round(table.weights[t], 4) });
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
  model: TfidfModel,
  row: number,
  papers: PaperIndex,
  clusters: ClusterIndex,
  graph: GraphColumns,
  topics: PaperTopicTable,
): PaperDto {
  const summary = paperSummary(papers, row);
  const paper = papers.table.paper(row);
  const cluster = clusters.clusters[summary.cluster];
  const sub = graph.subcluster[row];
  const subcluster = sub >= 0 ? cluster.subclusters[sub] : undefined;
  const dto: PaperDto = {
    ...summary,
    abstract: paper.abstract,
    clusterLabel: cluster.label,
    confidence: graph.confidence[row],
    subcluster: subcluster === undefined ? null : { id: subcluster.id, label: subcluster.label },
    topics: topicsOf(topics, graph, row),
  };
  if (graph.firstAdded !== undefined && row >= graph.firstAdded) dto.provisional = true;
  if (paper.authors !== undefined) dto.authors = paper.authors;
  if (paper.url !== undefined) dto.url = paper.url;
  if (paper.categories !== undefined) dto.categories = paper.categories;
  if (paper.doi !== undefined) dto.doi = paper.doi;
  if (paper.venue !== undefined) dto.venue = paper.venue;
  return dto;
}
