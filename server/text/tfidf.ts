// TF-IDF on our own sparse vectors. In scikit-learn's terms, TfidfVectorizer(ngram_range=(1, 2), min_df=2,
// max_df=0.5, smooth_idf=True, norm="l2") with the term counts saturated as in BM25 (Robertson et al. 1994):
//   tf  = c (k1 + 1) / (c + k1), k1 = 2  (saturation; or 1 + ln c with saturation 0 and sublinearTf, or c)
//   idf = ln((1 + n) / (1 + df)) + 1     (smoothed)
//   w   = tf * idf, then each document vector is scaled to unit L2 norm.
// Title words count `titleWeight` times, since a title is the densest statement of a paper's topic.

import { BREAK, Lexicon } from "./lexicon.js";
import { cutOffTerms, sameWordTokens } from "./cut-off.js";
import { displayTerms } from "./display-forms.js";
import { scanDocumentsParallel } from "./scan-parallel.js";
import { scanDocuments, type ProgressCallback, type TextDocument } from "./scan.js";
import { CsrBuilder, type SparseMatrix, type SparseVector } from "./sparse.js";
import { buildVocabulary, forEachColumn, type TokenSequences, type Vocabulary } from "./vocabulary.js";

export interface TfidfOptions {
  minDf: number;
  maxDf: number;
  ngramRange: readonly [number, number];
  sublinearTf: boolean;
  /**
   * BM25-style saturation of term counts, tf = c (k1 + 1) / (c + k1), with k1 = saturation (0: use sublinearTf).
   * Document length is left to the L2 normalisation, as in TF-IDF.
   */
  saturation: number;
  titleWeight: number;
}

export const TFIDF_DEFAULTS: Readonly<TfidfOptions> = {
  minDf: 2,
  maxDf: 0.5,
  ngramRange: [1, 3],
  sublinearTf: true,
  // NOTE: k1 = 2 beat ln(1 + c) on arxiv-dev-labeled, slightly but on both measures: precision@10 of related
  // papers 0.5779 against 0.5771, NMI 0.506 against 0.503 (mean of six Louvain seeds); k1 = 1.2 gave 0.5757, 0.506.
  saturation: 2,
  titleWeight: 1,
};

export interface TfidfModel {
  options: TfidfOptions;
  lexicon: Lexicon;
  vocabulary: Vocabulary;
  idf: Float32Array;
  /** Display form of each column ("test-time compute", "quantization"). */
  terms: string[];
  /** One L2-normalised row per document. */
  matrix: SparseMatrix;
}

export function resolveTfidfOptions(options: Partial<TfidfOptions> = {}): TfidfOptions {
  const resolved = { ...TFIDF_DEFAULTS, ...options };
  const { minDf, maxDf, ngramRange, titleWeight } = resolved;
  if (!Number.isInteger(minDf) || minDf < 1)
    throw new RangeError(`text/tfidf: minDf must be an integer >= 1, got ${minDf}`);
  if (!(maxDf > 0)) throw new RangeError(`text/tfidf: maxDf must be > 0, got ${maxDf}`);
  const [low, high] = ngramRange;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 3 || low > high) {
    throw new RangeError(`text/tfidf: ngramRange must be [min, max] with 1 <= min <= max <= 3, got [${ngramRange}]`);
  }
  if (!(resolved.saturation >= 0))
    throw new RangeError(`text/tfidf: saturation must be >= 0, got ${resolved.saturation}`);
  if (!Number.isInteger(titleWeight) || titleWeight < 1) {
    throw new RangeError(`text/tfidf: titleWeight must be an integer >= 1, got ${titleWeight}`);
  }
  return resolved;
}

export function fitTfidf(
  documents: readonly TextDocument[],
  options: Partial<TfidfOptions> = {},
  onProgress?: ProgressCallback,
): TfidfModel {
  const resolved = resolveTfidfOptions(options);
  const lexicon = new Lexicon();
  const scanned = scanDocuments(documents, lexicon, resolved.titleWeight, onProgress);
  return fitTfidfOnSurfaces(scanned, lexicon, resolved);
}

/** `fitTfidf` with tokenizing split over worker threads (same result). */
export async function fitTfidfParallel(
  documents: readonly TextDocument[],
  options: Partial<TfidfOptions> = {},
  onProgress?: ProgressCallback,
): Promise<TfidfModel> {
  return withTerms(await fitTfidfParallelDeferred(documents, options, onProgress));
}

/** A model whose display forms are computed when asked for; until then it keeps the scanned sequences. */
export interface DeferredTfidfModel {
  model: Omit<TfidfModel, "terms">;
  terms: () => string[];
  /** The documents as scanned: token ids, the surface id of every position, and where each document starts. */
  scanned: ScannedDocuments;
}

/** Every document's positions as tokens and as the surface forms written there (BREAK where a phrase breaks). */
export interface ScannedDocuments extends TokenSequences {
  surfaces: Int32Array;
}

/**
 * `fitTfidfParallel` without the display forms, which nothing needs before the labels: the pipeline computes them
 * on this thread while worker threads search the neighbours (otherwise a notable part of the fit).
 */
export async function fitTfidfParallelDeferred(
  documents: readonly TextDocument[],
  options: Partial<TfidfOptions> = {},
  onProgress?: ProgressCallback,
): Promise<DeferredTfidfModel> {
  const resolved = resolveTfidfOptions(options);
  const lexicon = new Lexicon();
  const scanned = await scanDocumentsParallel(documents, lexicon, resolved.titleWeight, onProgress);
  return fitDeferred(scanned, lexicon, resolved);
}

/** Fits on documents already scanned into surface ids (by this process or by workers, see text/scan-parallel). */
export function fitTfidfOnSurfaces(scanned: TokenSequences, lexicon: Lexicon, options: TfidfOptions): TfidfModel {
  return withTerms(fitDeferred(scanned, lexicon, options));
}

/** The model with its display forms, computed now. */
export function withTerms({ model, terms }: Pick<DeferredTfidfModel, "model" | "terms">): TfidfModel {
  return { ...model, terms: terms() };
}

function fitDeferred(scanned: TokenSequences, lexicon: Lexicon, options: TfidfOptions): DeferredTfidfModel {
  const sequences: TokenSequences = { tokens: lexicon.toTokens(scanned.tokens), starts: scanned.starts };
  const vocabulary = buildVocabulary(sequences, lexicon.tokenCount, options);
  const documents = sequences.starts.length - 1;
  const idf = new Float32Array(vocabulary.size);
  for (let c = 0; c < vocabulary.size; c++) idf[c] = Math.log((1 + documents) / (1 + vocabulary.df[c])) + 1;

  const weigher = new RowWeigher(vocabulary, idf, options.sublinearTf, options.saturation);
  const builder = new CsrBuilder(vocabulary.size);
  for (let d = 0; d < documents; d++) {
    const row = weigher.weigh(sequences.tokens, sequences.starts[d], sequences.starts[d + 1]);
    builder.addRow(row.indices, row.values);
  }
  const model = { options, lexicon, vocabulary, idf, matrix: builder.build() };
  return {
    model,
    terms: () => {
      const forms = new Int32Array(vocabulary.size * 3);
      const terms = displayTerms(vocabulary, lexicon, sequences, scanned.tokens, forms);
      const shown = { surfaces: scanned.tokens, forms };
      vocabulary.cutOff = cutOffTerms(vocabulary, sequences, sameWordTokens(lexicon), shown);
      return terms;
    },
    scanned: { ...sequences, surfaces: scanned.tokens },
  };
}

/** The TF-IDF vector of a text the model was not fitted on (a query, a draft abstract), in the same space. */
export function transformText(model: TfidfModel, text: string): SparseVector {
  return createTextVectorizer(model)(text);
}

/**
 * `transformText` for many texts: the per-term count buffer (the size of the vocabulary) is made once and reused,
 * which is what a server answering text queries wants. Not reentrant, which a single JS thread never needs. A paper
 * (title and abstract) is weighed as the model weighed its own papers: the title `titleWeight` times, then the
 * abstract, no phrase across them.
 */
export type TextVectorizer = (text: string | TextDocument) => SparseVector;

export function createTextVectorizer(model: TfidfModel): TextVectorizer {
  const weigher = new RowWeigher(model.vocabulary, model.idf, model.options.sublinearTf, model.options.saturation);
  const tokens: number[] = [];
  return (text) => {
    tokens.length = 0;
    if (typeof text === "string") {
      model.lexicon.lookup(text, tokens);
    } else {
      for (let r = 0; r < model.options.titleWeight; r++) model.lexicon.lookup(text.title, tokens);
      model.lexicon.lookup(text.abstract, tokens);
    }
    return weigher.weigh(tokens, 0, tokens.length);
  };
}

/** Counts the columns of one token span and turns the counts into an L2-normalised TF-IDF row. */
class RowWeigher {
  private readonly counts: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly idf: Float32Array,
    private readonly sublinearTf: boolean,
    private readonly saturation: number,
  ) {
    this.counts = new Float64Array(vocabulary.size);
  }

  weigh(tokens: ArrayLike<number>, start: number, end: number): SparseVector {
    const { counts, touched } = this;
    forEachColumn(this.vocabulary, tokens, start, end, (column) => {
      if (counts[column] === 0) touched.push(column);
      counts[column]++;
    });
    touched.sort((a, b) => a - b);
    const indices = Int32Array.from(touched);
    const values = new Float32Array(touched.length);
    let norm = 0;
    for (let k = 0; k < touched.length; k++) {
      const count = counts[touched[k]];
      const tf =
        this.saturation > 0
          ? (count * (this.saturation + 1)) / (count + this.saturation)
          : this.sublinearTf
            ? 1 + Math.log(count)
            : count;
      const weight = tf * this.idf[touched[k]];
      values[k] = weight;
      norm += weight * weight;
      counts[touched[k]] = 0;
    }
    touched.length = 0;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let k = 0; k < values.length; k++) values[k] *= scale;
    }
    return { indices, values };
  }
}

export { BREAK };
export type { TextDocument };
