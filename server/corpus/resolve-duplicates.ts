// Resolves duplicate paper ids deterministically: true duplicates dropped, other clashes renamed `id-2`, `id-3`.

import type { CorpusIssue, Paper } from "./types.js";

/** A paper with the line its record starts at and whether its id was made from its title. */
export interface LocatedPaper {
  paper: Paper;
  line: number;
  idFromTitle: boolean;
}

export interface DuplicatesSummary {
  papers: Paper[];
  duplicates: CorpusIssue[];
}

/**
 * Keeps the first paper with each id. A later paper with a taken id is dropped when its title and abstract
 * equal those of a kept paper with that id (a true duplicate), and otherwise kept under the first free id
 * `id-2`, `id-3`, ... Ids made from titles clash when titles do, so duplicate titles are caught the same way.
 * Every case is reported at the later record's line. Input order decides, so the result is deterministic.
 */
export function resolveDuplicates(entries: Iterable<LocatedPaper>, file: string): DuplicatesSummary {
  const papers: Paper[] = [];
  const duplicates: CorpusIssue[] = [];
  const lineById = new Map<string, number>();
  const keptByBaseId = new Map<string, Paper[]>();

  for (const { paper, line, idFromTitle } of entries) {
    const baseId = paper.id;
    const family = keptByBaseId.get(baseId);
    const firstLine = lineById.get(baseId);
    if (firstLine === undefined) {
      keep(paper, line, baseId);
      continue;
    }
    const clash = idFromTitle ? `title (id "${baseId}")` : `id "${baseId}"`;
    if (family?.some((kept) => kept.title === paper.title && kept.abstract === paper.abstract)) {
      duplicates.push({
        file,
        line,
        reason: `duplicate ${clash} of line ${firstLine}, same title and abstract: dropped`,
      });
      continue;
    }
    let suffix = 2;
    while (lineById.has(`${baseId}-${suffix}`)) suffix++;
    const id = `${baseId}-${suffix}`;
    duplicates.push({
      file,
      line,
      reason: `duplicate ${clash} of line ${firstLine}, different paper: renamed "${id}"`,
    });
    keep({ ...paper, id }, line, baseId);
  }
  return { papers, duplicates };

  function keep(paper: Paper, line: number, baseId: string): void {
    papers.push(paper);
    lineById.set(paper.id, line);
    const kin = keptByBaseId.get(baseId);
    if (kin) kin.push(paper);
    else keptByBaseId.set(baseId, [paper]);
  }
}
