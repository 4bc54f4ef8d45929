// What reading a corpus skipped or changed, as `build` and `serve` print it: the first records at file:line, then
// how many more.

import type { CorpusIssue } from "../corpus/types.js";

/** Issues printed one a line; the rest are counted. */
export const MAX_REPORTED = 20;

export function corpusIssueLines(report: {
  skipped: readonly CorpusIssue[];
  duplicates: readonly CorpusIssue[];
}): string[] {
  const issues = [...report.skipped, ...report.duplicates];
  const lines = issues.slice(0, MAX_REPORTED).map((issue) => `${issue.file}:${issue.line}: ${issue.reason}`);
  if (issues.length > MAX_REPORTED) lines.push(`... and ${issues.length - MAX_REPORTED} more`);
  return lines;
}
