// The one rule for tests whose resource is absent: skip with one line outside CI, fail under CI=true.

import { describe, expect, it } from "vitest";

import { canRun, hasShared, isCi } from "./ci.js";

describe("isCi", () => {
  it("reads CI=true or CI=1, in any case, and nothing else", () => {
    for (const CI of ["true", "TRUE", "1"]) expect(isCi({ CI })).toBe(true);
    for (const CI of [undefined, "", "false", "0", "yes"]) expect(isCi({ CI })).toBe(false);
  });
});

describe("canRun", () => {
  it("runs, silently, when the resource is there", () => {
    const lines: string[] = [];
    expect(canRun("suite", true, "x not found", { CI: "true" }, (line) => lines.push(line))).toBe(true);
    expect(canRun("suite", true, "x not found", {}, (line) => lines.push(line))).toBe(true);
    expect(lines).toEqual([]);
  });

  it("skips outside CI after one line saying what and why", () => {
    const lines: string[] = [];
    expect(canRun("the big tests", false, "x not found", { CI: "false" }, (line) => lines.push(line))).toBe(false);
    expect(lines).toEqual(["skipped: the big tests: x not found\n"]);
  });

  it("throws under CI=true, so the run fails instead of skipping", () => {
    expect(() => canRun("the big tests", false, "x not found", { CI: "true" }, () => {})).toThrow(
      "CI=true and x not found: the big tests cannot be skipped",
    );
  });
});

describe("hasShared", () => {
  it("names the missing file of ../shared", () => {
    const saved = process.env.CI;
    process.env.CI = "true";
    try {
      expect(() => hasShared("suite", "no/such/file.jsonl")).toThrow(
        "CI=true and ../shared/no/such/file.jsonl not found",
      );
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
