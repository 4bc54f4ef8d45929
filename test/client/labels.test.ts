import { describe, expect, it } from "vitest";

import { isUncertain, UNCERTAIN_BELOW, uncertainText } from "../../client/confidence.js";
import { formatShare } from "../../client/dom.js";
import { chooseStartMap, OVERVIEW_FROM_PAPERS } from "../../client/map-choice.js";
import { stabilityText, topicShareText } from "../../client/panels/cluster-summary.js";
import { tinyGraphDto } from "./fixtures.js";

const [alpha, beta] = tinyGraphDto().clusters;

describe("topicShareText", () => {
  it("gives a topic's share of the cluster's papers and of its nearest cluster's", () => {
    const topic = { term: "quantization", weight: 1, share: 0.62, nearestShare: 0.031 };
    expect(topicShareText(topic)).toBe("quantization — 62% of papers · 3% in nearest");
    expect(topicShareText(topic, "training, memory")).toBe("quantization — 62% of papers · 3% in “training, memory”");
  });

  it("leaves the comparison out when there is no share in a nearest cluster", () => {
    expect(topicShareText(alpha.topics[0])).toBe("alpha — 100% of papers · 0% in nearest");
    expect(topicShareText(beta.topics[0], "alpha")).toBe("beta — 100% of papers");
  });
});

describe("stabilityText", () => {
  it("gives the stability as a percentage and names the nearest cluster", () => {
    expect(stabilityText(alpha)).toBe("Stability 80% · nearest cluster: “beta”");
    expect(stabilityText(beta)).toBe("Stability 100%");
  });
});

describe("formatShare", () => {
  it("rounds to whole percents, never shows a present topic as 0%, and caps at 100%", () => {
    expect(formatShare(0.624)).toBe("62%");
    expect(formatShare(0.001)).toBe("<1%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(Number.NaN)).toBe("0%");
    expect(formatShare(1.2)).toBe("100%");
  });
});

describe("papers between topics", () => {
  it("are those below the threshold", () => {
    expect(isUncertain(UNCERTAIN_BELOW - 0.01)).toBe(true);
    expect(isUncertain(UNCERTAIN_BELOW)).toBe(false);
  });

  it("are flagged with how often repeated clusterings agree", () => {
    expect(uncertainText(0.4)).toBe("Between topics: in this cluster in 40% of repeated clusterings");
  });
});

describe("chooseStartMap", () => {
  it("starts large corpora on the overview and small ones on the whole map", () => {
    expect(chooseStartMap(OVERVIEW_FROM_PAPERS)).toBe("overview");
    expect(chooseStartMap(17_599)).toBe("whole");
  });

  it("takes the server's threshold (largeMapFrom in /api/health)", () => {
    expect(chooseStartMap(74, "", 50)).toBe("overview");
    expect(chooseStartMap(74, "", 75)).toBe("whole");
  });

  it("follows ?overview=1 or 0 in the address, whatever the size", () => {
    expect(chooseStartMap(74, "?overview=1")).toBe("overview");
    expect(chooseStartMap(96_499, "?paper=x&overview=0")).toBe("whole");
    expect(chooseStartMap(74, "?overview=yes")).toBe("whole");
  });
});
