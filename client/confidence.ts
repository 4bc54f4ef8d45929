// Papers between topics: what counts as uncertain (a low share of repeated clusterings agree on its cluster) and
// how the explorer says so. Pure.

import { formatShare } from "./dom.js";

/** Below this confidence (share of repeated clusterings that put a paper in its cluster) a paper is between topics. */
export const UNCERTAIN_BELOW = 0.6;

export function isUncertain(confidence: number): boolean {
  return confidence < UNCERTAIN_BELOW;
}

/** The sentence for a paper between topics, as details and lists show it. */
export function uncertainText(confidence: number): string {
  return `Between topics: in this cluster in ${formatShare(confidence)} of repeated clusterings`;
}
