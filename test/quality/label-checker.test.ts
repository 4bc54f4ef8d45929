// The independent label checker (test/quality/label-checker) catches what issue 12 found in labels, and passes what
// names things once.

import { describe, expect, it } from "vitest";

import { cutOffTopics, labelProblems, siblingProblems } from "./label-checker.js";

describe("the label checker", () => {
  it("finds every pair the issue reported, within a label", () => {
    const reported = [
      "LLMs, language models, large language",
      "reinforcement learning, reward, RL",
      "dark matter, DM, inflation",
      "black hole, gravitational wave, GW",
      "LoRA, Low-Rank adaptation",
      "primordial black, PBHs",
      "galaxies, galaxy, stars",
      "spectra, spectrum",
      "nuclei, nucleus",
      "gravitational-wave, gravitational waves",
      "pre-training, pretraining",
      "Transformer, transformers",
      "reasoning models, CoT, chain-of-thought",
    ];
    for (const label of reported) expect(labelProblems(label), label).not.toEqual([]);
  });

  it("finds two clusters with the same label or leading topic", () => {
    expect(siblingProblems(["black hole, AGN, accretion", "black holes, gravitational wave, binary"])).toHaveLength(1);
    expect(siblingProblems(["cosmological, galaxies", "cosmological, dark energy"])).toHaveLength(1);
    expect(siblingProblems(["LLMs, agents", "large language models, reasoning"])).toHaveLength(1);
    expect(siblingProblems(["galaxies, stars", "galaxies, stars"])).toHaveLength(1);
  });

  it("finds a cut-off phrase in the corpus, and leaves whole phrases alone", () => {
    const verbs = ["reason", "plan", "fail", "improve", "help", "err"];
    const texts = [
      ...verbs.map((verb) => `Large language models ${verb}. Time series forecasting ${verb}s.`),
      "Large language models, and large language models.",
      "Primordial black holes. Language models of code. Language models for text.",
    ];
    const topics = [
      "large language",
      "series forecasting",
      "large language models",
      "time series forecasting",
      "language models",
    ];
    expect(cutOffTopics(topics, texts)).toEqual(["large language", "series forecasting"]);
  });

  it("passes labels that name each thing once", () => {
    for (const label of [
      "large language models, reasoning, agents",
      "reinforcement learning (RL), reward, policy",
      "dark matter, inflation, axion",
      "star formation, stellar, galaxies",
      "3D gaussian splatting, scene, rendering",
    ]) {
      expect(labelProblems(label), label).toEqual([]);
    }
    expect(siblingProblems(["dark matter, halo", "dark energy, cosmological", "black holes, AGN"])).toEqual([]);
  });
});
