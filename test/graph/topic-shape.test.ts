// graph/topic-shape: the fragments issue 12 found are no topics; noun phrases are.

import { describe, expect, it } from "vitest";

import { isFragment } from "../../server/graph/topic-shape.js";

describe("isFragment", () => {
  it("finds the fragments across a phrase boundary that issue 12 reported", () => {
    for (const term of [
      "agents govern",
      "instability near",
      "raise success",
      "produces overly",
      "parameters exhibit",
    ]) {
      expect(isFragment(term), term).toBe(true);
    }
  });

  it("keeps noun phrases, a verb-like head after a modifier, and single words", () => {
    for (const term of [
      "test-time compute",
      "large language models",
      "reinforcement learning",
      "dark matter",
      "black holes",
      "theorem proving",
      "govern",
    ]) {
      expect(isFragment(term), term).toBe(false);
    }
  });
});
