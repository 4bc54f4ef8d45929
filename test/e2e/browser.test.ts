import { describe, expect, it } from "vitest";

import { browserAvailable, CHROMIUM_ARGS } from "./browser.js";

describe("browserAvailable", () => {
  it("fails the run under CI when the browser is missing", () => {
    expect(() => browserAvailable("/nonexistent/chromium", { CI: "true" })).toThrow(/CI=true but there is no Chromium/);
  });

  it("lets browser tests skip when the browser is missing outside CI", () => {
    expect(browserAvailable("/nonexistent/chromium", {})).toBe(false);
  });

  it("uses SwiftShader through ANGLE, never --use-gl=swiftshader (WebGL is then null)", () => {
    expect(CHROMIUM_ARGS).toContain("--use-angle=swiftshader");
    expect(CHROMIUM_ARGS.some((arg) => arg.startsWith("--use-gl"))).toBe(false);
  });
});
