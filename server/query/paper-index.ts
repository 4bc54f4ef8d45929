// Papers by id and by row: the id -> row map and each paper's summary, built once per graph.

import type { PaperSummaryDto } from "../api/dto.js";
import type { Paper } from "../corpus/types.js";
import { NotFoundError } from "../errors.js";
import type { GraphColumns } from "./graph-columns.js";

export interface PaperIndex {
  rows: ReadonlyMap<string, number>;
  /** Summary of each paper, by row (the order of the corpus and of the build's matrices). */
  summaries: readonly PaperSummaryDto[];
}

/** Checks that `papers` are the build's rows in order (the build keeps no abstracts, so they come from the corpus). */
export function buildPaperIndex(papers: readonly Paper[], columns: GraphColumns): PaperIndex {
  if (papers.length !== columns.ids.length) {
    throw new RangeError(`query/paper-index: ${papers.length} papers given for a graph of ${columns.ids.length} nodes`);
  }
  const rows = new Map<string, number>();
  const summaries = papers.map((paper, row) => {
    if (columns.ids[row] !== paper.id || rows.has(paper.id)) {
      throw new RangeError(
        `query/paper-index: paper ${JSON.stringify(paper.id)} is not the graph's node of row ${row}, or repeated`,
      );
    }
    rows.set(paper.id, row);
    const summary: PaperSummaryDto = { id: paper.id, title: paper.title, cluster: columns.cluster[row] };
    if (paper.year !== undefined) summary.year = paper.year;
    return summary;
  });
  return { rows, summaries };
}

/** The row of a paper id; NotFoundError when the graph has no such paper. */
export function paperRow(index: PaperIndex, id: string): number {
  const row = index.rows.get(id);
  if (row === undefined) throw new NotFoundError(`no paper with id ${JSON.stringify(truncate(id, 200))}`);
  return row;
}

export function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
