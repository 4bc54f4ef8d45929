// Types for the natural submodules we import one by one (its index loads every storage backend and dotenv).

declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module "natural/lib/natural/tokenizers/regexp_tokenizer.js" {
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean; discardEmpty?: boolean });
    tokenize(text: string): string[] | null;
  }
}

declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
}
