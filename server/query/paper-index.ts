// Papers by id and by row: the id -> row map over the paper table, and each paper's summary (made per response from
// the table and the cluster column, not kept).

import type { PaperSummaryDto } from "../contract/index.js";
import type { Paper } from "../corpus/types.js";
import { NotFoundError } from "../errors.js";
import type { GraphColumns } from "./graph-columns.js";
import { PaperTable, type PaperRows } from "./paper-table.js";

export interface PaperIndex {
  /** The row of each paper on the map (deleted papers have none). */
  rows: Pick<ReadonlyMap<string, number>, "get">;
  /** The papers by row (the order of the corpus and of the build's matrices, then papers added since). */
  table: PaperRows;
  cluster: Int32Array;
  /** Rows from this one on were added since the build (provisional); absent: none. */
  firstAdded?: number;
}

/**
 * Checks that `papers` (the corpus's, or a table of them) are the build's rows in order (the build keeps no
 * abstracts, so they come from the corpus or the build cache).
 */
export function buildPaperIndex(papers: readonly Paper[] | PaperTable, columns: GraphColumns): PaperIndex {
  if (papers.length !== columns.ids.length) {
    throw new RangeError(`query/paper-index: ${papers.length} papers given for a graph of ${columns.ids.length} nodes`);
  }
  const ids = papers instanceof PaperTable ? papers.ids : papers.map((p) => p.id);
  const rows = new Map<string, number>();
  ids.forEach((id, row) => {
    if (columns.ids[row] !== id || rows.has(id)) {
      throw new RangeError(
        `query/paper-index: paper ${JSON.stringify(id)} is not the graph's node of row ${row}, or repeated`,
      );
    }
    rows.set(id, row);
  });
  const table = papers instanceof PaperTable ? papers : PaperTable.from(papers, columns.ids);
  return { rows, table, cluster: columns.cluster };
}

/**
 * The summary of the paper of `row`, a new object each time (fixed shape: year, then `provisional` for a paper added
 * since the build, last when present).
 */
export function paperSummary(index: PaperIndex, row: number): PaperSummaryDto {
  const { table } = index;
  const year = table.year(row);
  const summary: PaperSummaryDto =
    year === undefined
      ? { id: table.ids[row], title: table.title(row), cluster: index.cluster[row] }
      : { id: table.ids[row], title: table.title(row), cluster: index.cluster[row], year };
  if (index.firstAdded !== undefined && row >= index.firstAdded) summary.provisional = true;
  return summary;
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
