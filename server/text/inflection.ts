// Singular forms of English nouns, for telling two spellings of one topic apart from two topics ("spectra" and
// "spectrum", "galaxies" and "galaxy", "LLMs" and "LLM"). The rules are pluralize's (Blake Embrey's, the common
// English inflection rules); the scientific words they get wrong are listed here.

import pluralize from "pluralize";

/**
 * Plurals pluralize leaves alone or singularises wrongly, and words it would cut ("lens" is not the plural of "len").
 * NOTE: a Map, not an object: a corpus word such as "constructor" would otherwise find Object's own properties.
 */
const SINGULARS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    spectra: "spectrum",
    corpora: "corpus",
    maxima: "maximum",
    minima: "minimum",
    optima: "optimum",
    extrema: "extremum",
    quanta: "quantum",
    formulae: "formula",
    antennae: "antenna",
    nebulae: "nebula",
    supernovae: "supernova",
    novae: "nova",
    vertebrae: "vertebra",
    lemmata: "lemma",
    schemata: "schema",
    lens: "lens",
    bias: "bias",
    gas: "gas",
    plasma: "plasma",
    basis: "basis",
    bases: "basis",
    physics: "physics",
    dynamics: "dynamics",
    kinematics: "kinematics",
    statistics: "statistics",
    mechanics: "mechanics",
    robotics: "robotics",
    electronics: "electronics",
    economics: "economics",
    mathematics: "mathematics",
    genomics: "genomics",
    proteomics: "proteomics",
    analytics: "analytics",
    graphics: "graphics",
    optics: "optics",
    ethics: "ethics",
    semantics: "semantics",
    linguistics: "linguistics",
    logistics: "logistics",
    acoustics: "acoustics",
    photonics: "photonics",
    news: "news",
    series: "series",
    species: "species",
    status: "status",
    virus: "virus",
    consensus: "consensus",
    corpus: "corpus",
    focus: "focus",
    radius: "radius",
    modulus: "modulus",
    stimulus: "stimulus",
    locus: "locus",
    apparatus: "apparatus",
    census: "census",
    plus: "plus",
    bonus: "bonus",
    campus: "campus",
    chaos: "chaos",
    cosmos: "cosmos",
    ethos: "ethos",
    pathos: "pathos",
    atlas: "atlas",
    canvas: "canvas",
    alias: "alias",
    data: "data",
    media: "media",
  }),
);

/** The singulars listed, each its own singular: pluralize reads "supernova" as the plural of "supernovum". */
const LISTED = new Set(SINGULARS.values());

function listedSingular(lower: string): string | undefined {
  const known = SINGULARS.get(lower) ?? (LISTED.has(lower) ? lower : undefined);
  if (known !== undefined || !lower.endsWith("ses")) return known;
  // "biases", "lenses": the plural of a word listed as its own singular.
  const stem = lower.slice(0, -2);
  return SINGULARS.get(stem) === stem ? stem : undefined;
}

const cache = new Map<string, string>();

/**
 * The singular of a word (lower-cased; an acronym keeps its case: "LLMs" -> "LLM"). A word that is not a plural is
 * its own singular.
 */
export function singular(word: string): string {
  let known = cache.get(word);
  if (known !== undefined) return known;
  const acronym = /\p{Lu}.*\p{Lu}/u.test(word);
  if (acronym) known = word.replace(/(?<=\p{Lu})s$/u, "");
  else {
    const lower = word.toLowerCase();
    known = listedSingular(lower) ?? (lower.length <= 3 ? lower : pluralize.singular(lower));
  }
  if (cache.size < 100_000) cache.set(word, known);
  return known;
}

/** Whether two words are one word in singular and plural (or the same word). */
export function sameNoun(a: string, b: string): boolean {
  return a === b || singular(a) === singular(b);
}
