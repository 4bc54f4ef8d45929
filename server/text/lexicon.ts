// The words of a corpus: raw word -> surface form -> token (stem key), with counts to pick each token's display form.

import { classifyWord, isPunctuation, splitWords } from "./tokenize.js";

/** Token id meaning "no token here": a stopword, punctuation, or a word the lexicon does not know. */
export const BREAK = -1;

/**
 * Grows while a corpus is scanned; frozen afterwards (`lookup` never grows it, so user queries cannot fill memory).
 * NOTE: every raw word is classified once and cached, since stemming dominated tokenizing without the cache.
 */
export class Lexicon {
  private readonly rawToSurface = new Map<string, number>();
  private readonly keyToToken = new Map<string, number>();
  private readonly surfaceIndex = new Map<string, number>();
  /** surface id -> display form, its token, and how often it was seen. */
  readonly surfaces: string[] = [];
  readonly surfaceToken: number[] = [];
  readonly surfaceCount: number[] = [];
  /** token id -> key (stem). */
  readonly tokenKeys: string[] = [];

  get tokenCount(): number {
    return this.tokenKeys.length;
  }

  /** A lexicon from the parts a saved build keeps (server/cache): its surfaces, their tokens and counts, the keys. */
  static restore(parts: {
    surfaces: string[];
    surfaceToken: ArrayLike<number>;
    surfaceCount: ArrayLike<number>;
    tokenKeys: string[];
  }): Lexicon {
    const lexicon = new Lexicon();
    parts.tokenKeys.forEach((key, token) => {
      lexicon.tokenKeys.push(key);
      lexicon.keyToToken.set(key, token);
    });
    parts.surfaces.forEach((surface, id) => {
      lexicon.surfaces.push(surface);
      lexicon.surfaceToken.push(parts.surfaceToken[id]);
      lexicon.surfaceCount.push(parts.surfaceCount[id]);
      lexicon.surfaceIndex.set(surface, id);
    });
    return lexicon;
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
        out.push(known < 0 ? BREAK : this.surfaceToken[known]);
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
    this.surfaceCount[surface]++;
    return surface;
  }

  /** Token ids of a sequence of surface ids (BREAK stays BREAK). */
  toTokens(surfaces: Int32Array): Int32Array {
    const tokens = new Int32Array(surfaces.length);
    for (let p = 0; p < surfaces.length; p++) tokens[p] = surfaces[p] < 0 ? BREAK : this.surfaceToken[surfaces[p]];
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
    let token = this.keyToToken.get(key);
    if (token === undefined) {
      token = this.tokenKeys.length;
      this.tokenKeys.push(key);
      this.keyToToken.set(key, token);
    }
    // Several raw words share a surface form ("Quantization" and "quantization"): reuse it.
    const existing = this.surfaceIndex.get(surface);
    if (existing !== undefined) {
      this.surfaceCount[existing] += count;
      return existing;
    }
    const id = this.surfaces.length;
    this.surfaces.push(surface);
    this.surfaceToken.push(token);
    this.surfaceCount.push(count);
    this.surfaceIndex.set(surface, id);
    return id;
  }

  /** Each token's most frequent surface id (ties: the first seen; BREAK for a token never seen). */
  displaySurfaces(): Int32Array {
    const best = new Int32Array(this.tokenKeys.length).fill(BREAK);
    const bestCount = new Float64Array(this.tokenKeys.length).fill(-1);
    for (let s = 0; s < this.surfaces.length; s++) {
      const t = this.surfaceToken[s];
      if (this.surfaceCount[s] > bestCount[t]) {
        bestCount[t] = this.surfaceCount[s];
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
