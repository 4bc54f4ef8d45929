// text/math-display: LaTeX in titles and abstracts as readable Unicode, never "$...$".

import { describe, expect, it } from "vitest";

import { displayText } from "../../server/text/math-display.js";

describe("displayText", () => {
  it("writes the math issue 12 found, and the corpus's commonest, as Unicode", () => {
    expect(displayText("$\\textbf{Re}^{2}$: Unlocking LLM Reasoning")).toBe("Re²: Unlocking LLM Reasoning");
    expect(displayText("a 20 km s$^{-1}$ Cloud")).toBe("a 20 km s⁻¹ Cloud");
    expect(displayText("$M_\\odot$ and $H_0$ at $z\\sim 2$")).toBe("M⊙ and H₀ at z∼ 2");
    expect(displayText("$\\Lambda$CDM with $\\alpha=0.5 \\pm 0.1$")).toBe("ΛCDM with α=0.5 ± 0.1");
    expect(displayText("$\\frac{1}{2}$ of $10^{13}$ $\\mathrm{M}_{\\odot}$")).toBe("1/2 of 10¹³ M⊙");
    expect(displayText("\\emph{Gaia} data")).toBe("Gaia data");
  });

  it("writes an unknown command named like an Object property as its name, not as a function's source", () => {
    expect(displayText("$\\constructor x$ and \\toString")).toBe("constructor x and toString");
  });

  it("leaves text without math alone, dollar amounts too", () => {
    expect(displayText("Plain title: no math")).toBe("Plain title: no math");
    expect(displayText("costs $5 and $6")).toBe("costs $5 and $6");
  });

  it("writes a script without Unicode forms in brackets, never as $...$", () => {
    const shown = displayText("$x_{ij}$ and $a^{bq}$");
    expect(shown).toBe("x_(ij) and a^(bq)");
    expect(shown).not.toContain("$");
  });
});
