// Converts the seed daily-papers listing into data/papers.jsonl with the corpus reader (run once, by hand).
// Usage: node --import tsx bench/convert-seed.ts [seed.txt] [out.jsonl]

import { readCorpus } from "../server/corpus/read-corpus.js";
import { writeJsonl } from "../server/corpus/write-jsonl.js";

const input = process.argv[2] ?? "test/fixtures/seed/000_195590e087e039b7.txt";
const output = process.argv[3] ?? "data/papers.jsonl";

const summary = await readCorpus(input, { format: "daily" });
for (const issue of [...summary.skipped, ...summary.duplicates])
  console.warn(`${issue.file}:${issue.line}: ${issue.reason}`);
await writeJsonl(summary.papers, output);
console.log(`${input}: ${summary.records} records, ${summary.papers.length} papers written to ${output}`);
