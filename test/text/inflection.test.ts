// Singular forms (text/inflection): scientific plurals, acronyms, and corpus words that are names of Object's own
// properties, which a 50,000-paper arXiv corpus holds ("constructor").

import { describe, expect, it } from "vitest";

import { sameNoun, singular } from "../../server/text/inflection.js";

describe("singular", () => {
  it("gives scientific plurals their singular and keeps words that only look plural", () => {
    expect(singular("spectra")).toBe("spectrum");
    expect(singular("galaxies")).toBe("galaxy");
    expect(singular("supernovae")).toBe("supernova");
    expect(singular("supernova")).toBe("supernova");
    expect(singular("nova")).toBe("nova");
    expect(sameNoun("supernova", "supernovae")).toBe(true);
    expect(singular("lens")).toBe("lens");
    expect(singular("biases")).toBe("bias");
    expect(singular("lenses")).toBe("lens");
    expect(singular("canvases")).toBe("canvas");
    expect(singular("gases")).toBe("gas");
    expect(singular("LLMs")).toBe("LLM");
    expect(sameNoun("nuclei", "nucleus")).toBe(true);
  });

  it("answers a string for words that name Object's properties", () => {
    for (const word of ["constructor", "Constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
      expect(typeof singular(word), word).toBe("string");
    }
    expect(singular("constructors")).toBe("constructor");
    expect(singular("constructor")).toBe("constructor");
  });
});
