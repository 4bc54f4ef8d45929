// The docs name the code as it is: every source file the README and docs/ name (`api/respond.ts`, `store.ts`)
// exists, so a renamed or removed module cannot leave a stale code map behind; and their links between each other
// reach a page and a heading that exist.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOCS = ["README.md", "data/README.md", ...readdirSync(join(ROOT, "docs")).map((name) => `docs/${name}`)].filter(
  (name) => name.endsWith(".md"),
);

/** Every file under `dir` (relative to the repository, with `/`), outside node_modules, dist and dot folders. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "dist") return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [relative(ROOT, path).split("\\").join("/")];
  });
}

/** The `*.ts` names a Markdown text quotes in backticks. */
function namedSources(markdown: string): string[] {
  return [...markdown.matchAll(/`([\w./-]+\.ts)`/g)].map((match) => match[1]);
}

/** Whether `name` is a repository path, or the end of one after a `/` (`api/respond.ts`, `store.ts`). */
function exists(name: string, paths: string[]): boolean {
  return paths.some((path) => path === name || path.endsWith(`/${name}`));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a Markdown text's headings. */
function anchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1].trim())));
}

/** The links of `doc` to a Markdown page of the repository or a heading, unresolved: [target, heading or ""]. */
function localLinks(markdown: string): [string, string][] {
  return [...markdown.matchAll(/\]\(([\w./-]*\.md|)(?:#([\w-]+))?\)/g)]
    .filter((match) => match[1] !== "" || match[2] !== undefined)
    .map((match) => [match[1], match[2] ?? ""]);
}

describe("the docs' file names", () => {
  const paths = files(ROOT);

  it("finds a stale name (a file the repository does not have)", () => {
    expect(namedSources("see `api/dto.ts` and `respond.ts`").filter((name) => !exists(name, paths))).toEqual([
      "api/dto.ts",
    ]);
  });

  it.each(DOCS)("%s names only source files that exist", (doc) => {
    const named = namedSources(readFileSync(join(ROOT, doc), "utf8"));
    expect(named.filter((name) => !exists(name, paths))).toEqual([]);
  });

  it("makes GitHub's anchors", () => {
    expect(anchor("The library (issue 15)")).toBe("the-library-issue-15");
    expect(anchor("The same, on main after the kept answers")).toBe("the-same-on-main-after-the-kept-answers");
  });

  it.each(DOCS)("%s links only to pages and headings that exist", (doc) => {
    const broken = localLinks(readFileSync(join(ROOT, doc), "utf8")).filter(([target, heading]) => {
      const page = target === "" ? doc : join(dirname(doc), target);
      if (!paths.includes(page.split("\\").join("/"))) return true;
      return heading !== "" && !anchors(readFileSync(join(ROOT, page), "utf8")).has(heading);
    });
    expect(broken).toEqual([]);
  });

  it("has the code maps it checks", () => {
    expect(namedSources(readFileSync(join(ROOT, "docs/api.md"), "utf8")).length).toBeGreaterThan(30);
  });
});
