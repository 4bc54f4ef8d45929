// The closing "N passed, N failed" line: a failing beforeAll/afterAll, a file that does not load and a failing test
// each count as a failure, and a run whose tests all pass says 0 failed. Vitest runs on fixture files in a child.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const VITEST = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const CONFIG = fileURLToPath(new URL("fixtures/reporter/vitest.config.ts", import.meta.url));

/** Runs vitest on the reporter fixtures (those whose name contains `filter`, if given): exit code and stdout lines. */
function runFixtures(filter?: string): { status: number | null; lines: string[] } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  const result = spawnSync(process.execPath, [VITEST, "run", "--config", CONFIG, ...(filter ? [filter] : [])], {
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1" },
    timeout: 110_000,
  });
  return { status: result.status, lines: result.stdout.trim().split("\n") };
}

// A child vitest takes seconds, more on a loaded machine.
describe("summary reporter", { timeout: 120_000 }, () => {
  it("counts each failing hook, the file that does not load and the failing test as failures", () => {
    const { status, lines } = runFixtures();
    // Passed: two tests of hooks.fixture.ts and two of passing.fixture.ts. Failed: one test, a beforeAll, an
    // afterAll, a top-level beforeAll, a file that throws while collected. Skipped: it.skip and the three tests
    // whose beforeAll threw.
    expect(lines).toEqual(["4 skipped", "4 passed, 5 failed"]);
    expect(status).toBe(1);
  });

  it("says 0 failed when every test passes, as vitest's exit code does", () => {
    const { status, lines } = runFixtures("passing");
    expect(lines).toEqual(["2 passed, 0 failed"]);
    expect(status).toBe(0);
  });
});
