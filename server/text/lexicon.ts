// The words of a corpus: raw word -> surface form -> token (stem key), with counts to pick each token's display form.

import { classifyWord, isPunctuation, splitWords } from "./tokenize.js";

/** Token id meaning "no token here": a stopword, punctuation, or a word the lexicon does not know. */
export const BREAK = -1;

/** What a saved build keeps of its lexicon: its surfaces, their tokens and counts, the tokens' keys. */
export interface LexiconParts {
  surfaces: string[];
  surfaceToken: Int32Array;
  surfaceCount: Int32Array;
  tokenKeys: string[];
}

/**
 * Grows while a corpus is scanned; frozen afterwards (`lookup` never grows it, so user queries cannot fill memory).
 * NOTE: every raw word is classified once and cached, since stemming dominated tokenizing without the cache.
 */
export class Lexicon {
  private readonly rawToSurface = new Map<string, number>();
  /** key -> token and surface -> id, made on first use: a restored lexicon needs them only to read a text. */
  private keyIds: Map<string, number> | undefined;
  private surfaceIds: Map<string, number> | undefined;
  /** surface id -> display form, its token, and how often it was seen. */
  readonly surfaces: string[];
  private tokens: number[] | Int32Array;
  private counts: number[] | Int32Array;
  /** token id -> key (stem). */
  readonly tokenKeys: string[];

  /**
   * An empty lexicon, to scan a corpus with; or, given the parts a saved build keeps (server/cache), that build's,
   * taking them as they are: they are the largest strings and arrays of a loaded build, and copies cost its restart.
   */
  constructor(parts?: LexiconParts) {
    this.surfaces = parts?.surfaces ?? [];
    this.tokens = parts?.surfaceToken ?? [];
    this.counts = parts?.surfaceCount ?? [];
    this.tokenKeys = parts?.tokenKeys ?? [];
  }

  /** Each surface id's token. */
  get surfaceToken(): ArrayLike<number> {
    return this.tokens;
  }

  /** How often each surface form was seen. */
  get surfaceCount(): ArrayLike<number> {
    return this.counts;
  }

  get tokenCount(): number {
    return this.tokenKeys.length;
  }

  /**
   * Scans a text into `out`: one *surface* id per content word and BREAK where a phrase cannot continue.
   * (Surface ids keep the exact form of every word, so that phrases can be displayed as written; `surfaceToken`
   * maps them to tokens.)
   */
  scan(text: string, out: number[]): void {
    for (const raw of splitWords(text)) out.push(this.surfaceOf(raw));
    out.push(BREAK);
  }

  /** Like `scan`, for a text the lexicon was not built from: unknown words are breaks and nothing is learnt. */
  lookup(text: string, out: number[]): void {
    for (const raw of splitWords(text)) {
      const known = this.rawToSurface.get(raw);
      if (known !== undefined) {
        out.push(known < 0 ? BREAK : this.tokens[known]);
        continue;
      }
      const info = isPunctuation(raw) ? null : classifyWord(raw);
      out.push(info === null ? BREAK : (this.keyToToken.get(info.key) ?? BREAK));
    }
    out.push(BREAK);
  }

  tokenId(key: string): number {
    return this.keyToToken.get(key) ?? BREAK;
  }

  private surfaceOf(raw: string): number {
    let surface = this.rawToSurface.get(raw);
    if (surface === undefined) {
      surface = this.addSurface(raw);
      this.rawToSurface.set(raw, surface);
    }
    if (surface < 0) return BREAK;
    this.counts[surface]++;
    return surface;
  }

  /** Token ids of a sequence of surface ids (BREAK stays BREAK). */
  toTokens(surfaces: Int32Array): Int32Array {
    const tokens = new Int32Array(surfaces.length);
    for (let p = 0; p < surfaces.length; p++) tokens[p] = surfaces[p] < 0 ? BREAK : this.tokens[surfaces[p]];
    return tokens;
  }

  private addSurface(raw: string): number {
    const info = isPunctuation(raw) ? null : classifyWord(raw);
    if (info === null) return BREAK;
    return this.intern(info.surface, info.key, 0);
  }

  /**
   * The id of a surface form with the given key, added if new, its count raised by `count`. Merging the lexicons of
   * workers in chunk order through this gives the same ids as one lexicon scanning every chunk in turn.
   */
  intern(surface: string, key: string, count: number): number {
    const keyToToken = this.keyToToken;
    let token = keyToToken.get(key);
    if (token === undefined) {
      token = this.tokenKeys.length;
      this.tokenKeys.push(key);
      keyToToken.set(key, token);
    }
    // Several raw words share a surface form ("Quantization" and "quantization"): reuse it.
    this.surfaceIds ??= indexOf(this.surfaces);
    const existing = this.surfaceIds.get(surface);
    if (existing !== undefined) {
      this.counts[existing] += count;
      return existing;
    }
    const id = this.surfaces.length;
    // NOTE: a restored lexicon holds views on the cache's bytes; it grows (no caller does so today) on copies.
    if (!Array.isArray(this.tokens)) this.tokens = Array.from(this.tokens);
    if (!Array.isArray(this.counts)) this.counts = Array.from(this.counts);
    this.surfaces.push(surface);
    this.tokens.push(token);
    this.counts.push(count);
    this.surfaceIds.set(surface, id);
    return id;
  }

  /** key (stem) -> token id. */
  /** Makes the lookups a text query needs now, rather than on the first query (a server calls it once it is ready). */
  prepareLookups(): void {
    void this.keyToToken;
  }

  private get keyToToken(): Map<string, number> {
    return (this.keyIds ??= indexOf(this.tokenKeys));
  }

  /** Each token's most frequent surface id (ties: the first seen; BREAK for a token never seen). */
  displaySurfaces(): Int32Array {
    const best = new Int32Array(this.tokenKeys.length).fill(BREAK);
    const bestCount = new Float64Array(this.tokenKeys.length).fill(-1);
    for (let s = 0; s < this.surfaces.length; s++) {
      const t = this.tokens[s];
      if (this.counts[s] > bestCount[t]) {
        bestCount[t] = this.counts[s];
        best[t] = s;
      }
    }
    return best;
  }

  /** Each token's most frequent surface form (ties: the first seen). */
  displayForms(): string[] {
    return Array.from(this.displaySurfaces(), (s) => (s === BREAK ? "" : this.surfaces[s]));
  }
}

/** Each string's index. */
function indexOf(strings: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < strings.length; i++) index.set(strings[i], i);
  return index;
}
