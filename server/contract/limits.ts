// The bounds of what a request may ask, part of the contract: the request schemas check them, the OpenAPI document
// states them, and the client may read them (this module holds no zod, so it can enter the client's bundle).

/** Characters of a text that are read; the rest is ignored (an abstract is ~1,500). Bounds the work per request. */
export const MAX_TEXT_CHARS = 10_000;

export const REQUEST_LIMITS = {
  k: { min: 1, max: 100, default: 10 },
  searchLimit: { min: 1, max: 100, default: 20 },
  clusterLimit: { min: 1, max: 1000, default: 50 },
  topicsLimit: { min: 1, max: 10_000, default: 200 },
  trendsLimit: { min: 1, max: 100, default: 10 },
  trendsMinPapers: { min: 1, max: 1_000_000, default: 20 },
  facetsLimit: { min: 1, max: 1000, default: 20 },
  /** Longest facet value (category, author, venue) in a filter, in characters. */
  facetChars: 500,
  /** Longest search query, in characters (longer: 400). */
  searchChars: 500,
  /** Longest paper id, in characters. */
  idChars: 1000,
  /** Longest topic term in a path, in characters. */
  termChars: 200,
  /** Most papers in one POST /api/papers (more: 413). */
  postPapers: 10_000,
  /** Largest POST /api/papers body, in bytes (larger: 413). */
  postBytes: 10 * 1024 * 1024,
  /**
   * Largest form of a related text's download (POST /api/related/papers.csv), in bytes (larger: 413): a text of
   * MAX_TEXT_CHARS characters of three UTF-8 bytes each, percent-encoded (nine bytes a character), and k.
   */
  textFormBytes: MAX_TEXT_CHARS * 9 + 1024,
} as const;
