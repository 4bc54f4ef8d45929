import { describe, expect, it } from "vitest";

import { browserAvailable, CHROMIUM_ARGS } from "./browser.js";

describe("browserAvailable", () => {
  it("fails the run under CI when the browser is missing", () => {
    expect(() => browserAvailable("a suite", "/nonexistent/chromium", { CI: "true" })).toThrow(
      "CI=true and no Chromium at /nonexistent/chromium (apt-get install chromium): a suite cannot be skipped",
    );
  });

  it("lets browser tests skip when the browser is missing outside CI, saying so in one line", () => {
    const lines: string[] = [];
    expect(browserAvailable("a suite", "/nonexistent/chromium", {}, (line) => lines.push(line))).toBe(false);
    expect(lines).toEqual(["skipped: a suite: no Chromium at /nonexistent/chromium (apt-get install chromium)\n"]);
  });

  it("uses SwiftShader through ANGLE, never --use-gl=swiftshader (WebGL is then null)", () => {
    expect(CHROMIUM_ARGS).toContain("--use-angle=swiftshader");
    expect(CHROMIUM_ARGS.some((arg) => arg.startsWith("--use-gl"))).toBe(false);
  });
});
