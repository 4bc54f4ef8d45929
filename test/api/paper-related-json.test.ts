// api/paper-related-json: the bytes it writes for GET /api/papers/:id/related are those of query/paperRelated's
// answer through JSON.stringify and escapeJson, for every paper of the seed and of the hostile corpus (markup, quotes,
// non-ASCII titles and ids; papers with and without a year) and every k up to and past the build's.

import { beforeAll, describe, expect, it } from "vitest";

import { escapeJson } from "../../server/api/json-bytes.js";
import { paperRelatedJson } from "../../server/api/paper-related-json.js";
import { paperRelated, type TopicStore } from "../../server/query/index.js";
import { buildStore, FIXTURE_CORPORA } from "./helpers.js";

for (const [name, corpus] of FIXTURE_CORPORA) {
  describe(`on the ${name}`, () => {
    let store: TopicStore;

    beforeAll(async () => {
      store = await buildStore(corpus, { lsaDimensions: 8 });
    });

    it("writes the bytes of JSON.stringify of the answer, escaped, for every paper and k", () => {
      const write = paperRelatedJson(store);
      const years = new Set<boolean>();
      let related = 0;
      for (const [row, id] of store.papers.ids.entries()) {
        years.add(store.papers.year(row) !== undefined);
        for (const k of [1, 2, 10, store.build.related.k + 5]) {
          const answer = paperRelated(store, id, k);
          related += answer.related.length;
          const bytes = write(row, k);
          const want = Buffer.from(escapeJson(JSON.stringify(answer)), "utf8");
          if (!bytes.equals(want)) expect(bytes.toString("utf8"), `${id} k=${k}`).toBe(want.toString("utf8"));
        }
      }
      expect(related).toBeGreaterThan(store.papers.length);
      if (name === "hostile corpus") expect([...years].sort()).toEqual([false, true]);
    });
  });
}
