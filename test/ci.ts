// What a test may skip, and where it may not: outside CI, tests whose resource is absent (the corpora beside the repo
// in ../shared, Chromium, xmllint, networkx) are skipped after one line saying what and why; under CI=true the
// absence is an error, so the run fails instead of skipping.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** CI=true (or 1), as CI services set it; `.ci/run` exports it. */
export const isCi = (env: NodeJS.ProcessEnv = process.env): boolean => /^(1|true)$/i.test(env.CI ?? "");

/** A file of ../shared: the large corpora and the peer benchmark beside the repo (see the README's "Tests and CI"). */
export const shared = (name: string): string => fileURLToPath(new URL(`../../shared/${name}`, import.meta.url));

/**
 * Whether the tests described by `skipped` can run, given whether what they need is `present`. Outside CI an absent
 * resource skips them after one line on stdout, `skipped: <skipped>: <missing>`; under CI=true it throws.
 */
export function canRun(
  skipped: string,
  present: boolean,
  missing: string,
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stdout.write(line),
): boolean {
  if (present) return true;
  if (isCi(env)) throw new Error(`CI=true and ${missing}: ${skipped} cannot be skipped`);
  write(`skipped: ${skipped}: ${missing}\n`);
  return false;
}

/** canRun for tests that read files of ../shared. */
export function hasShared(skipped: string, ...names: string[]): boolean {
  const absent = names.filter((name) => !existsSync(shared(name)));
  return canRun(skipped, absent.length === 0, `${absent.map((name) => `../shared/${name}`).join(", ")} not found`);
}

/** The labelled arXiv corpus (17,599 papers with their categories), in ../shared. */
export const LABELLED_CORPUS = "corpora/arxiv-dev-labeled.jsonl.gz";

/** Debian's python3 and xmllint, which read the exports back (python3-networkx, python3-bibtexparser, libxml2-utils). */
export const PYTHON = "/usr/bin/python3";
export const XMLLINT = "/usr/bin/xmllint";
/** The GEXF 1.3 grammar, copied into the repo's fixtures. */
export const GEXF_RNG = fileURLToPath(new URL("./fixtures/gexf-1.3/gexf.rng", import.meta.url));

/** Whether PYTHON can import `module` (networkx, bibtexparser). */
export function hasPythonModule(module: string): boolean {
  try {
    execFileSync(PYTHON, ["-c", `import ${module}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
