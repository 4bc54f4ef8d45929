// GET /api/papers/:id/related as JSON bytes written straight from the store: the bytes of query/paperRelated's answer
// through JSON.stringify and escapeJson, byte for byte (test/api/paper-related-json.test.ts), without the answer's
// objects, the titles decoded to strings and encoded back, or the copy of the whole text to escape it.
// NOTE: at 96,499 papers, serialising the answer's objects was a quarter of the route's CPU (a profile under
// bench/api-bench). 2,000 answers in one process: 55-59 µs each written here against 64-66 µs for the objects through
// JSON.stringify, escapeJson and Buffer.from; bench:api alternated, 114, 133, 115 µs of CPU a request against 122,
// 121, 126.

import type { TopicStore } from "../query/index.js";
import { relatedRowsOf, sharedTopicsOfRows } from "../query/paper-related.js";
import { rowOf } from "../text/sparse.js";
import { escapeJson, JsonBytes } from "./json-bytes.js";

/** Writes the answer of GET /api/papers/:id/related for a paper's row. */
export type PaperRelatedJson = (row: number, k: number) => Buffer;

export function paperRelatedJson(store: TopicStore): PaperRelatedJson {
  const { build, paperIndex, pickTopics } = store;
  const { bytes: titles, offsets } = store.papers.titleBytes();
  const { ids } = store.papers;
  const { cluster } = paperIndex;
  // The answer's first field, the same in every answer.
  const head = escapeJson(`{"build":${JSON.stringify(store.info)},"paper":`);
  const json = new JsonBytes();

  /** The fields of paperSummary(row), in its order, without the closing brace. */
  const summaryFields = (row: number) => {
    json
      .raw('{"id":')
      .string(ids[row])
      .raw(',"title":')
      .utf8String(titles, offsets[row], offsets[row + 1]);
    json.raw(',"cluster":').number(cluster[row]);
    const year = store.papers.year(row);
    if (year !== undefined) json.raw(',"year":').number(year);
  };

  return (row, k) => {
    const { rows, scores } = relatedRowsOf(build, row, k);
    const shared = sharedTopicsOfRows(build, pickTopics, rowOf(build.model.matrix, row), rows);
    json.begin().raw(head);
    summaryFields(row);
    json.raw('},"related":[');
    for (let a = 0; a < rows.length; a++) {
      if (a > 0) json.raw(",");
      summaryFields(rows[a]);
      json.raw(',"score":').rounded(scores[a], 4).raw(',"sharedTopics":[');
      const topics = shared[a];
      for (let t = 0; t < topics.length; t++) {
        json.raw(t === 0 ? '{"term":' : ',{"term":').string(topics[t].term);
        // Already rounded to 4 digits: rounded() gives its JSON without String().
        json.raw(',"weight":').rounded(topics[t].weight, 4).raw("}");
      }
      json.raw("]}");
    }
    return json.raw("]}").take();
  };
}
