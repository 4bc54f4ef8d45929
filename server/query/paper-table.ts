// The corpus's papers as the store keeps them: the ids as strings (the id -> row map needs them) and every other
// field in UTF-8 buffers with offsets by row (titles, abstracts, and the optional fields as JSON), decoded when a
// response needs them. A handful of long-lived objects where Paper objects are a dozen each (object, strings, author and
// category arrays): at 96k papers, a third of the heap's objects that every major GC would mark.

import type { Paper } from "../corpus/types.js";

type Extras = Pick<Paper, "authors" | "url" | "categories">;

/** Marks a paper without a year. */
const NO_YEAR = -2147483648;

export class PaperTable {
  private constructor(
    /** Paper ids by row. */
    readonly ids: readonly string[],
    private readonly titles: PackedStrings,
    private readonly abstracts: PackedStrings,
    /** Authors, url and categories as JSON, "" when a paper has none of them. */
    private readonly extras: PackedStrings,
    private readonly years: Int32Array,
  ) {}

  /** The table of `papers`; `ids`, when given, must be their ids (an array already kept, e.g. the graph's). */
  static from(papers: readonly Paper[], ids: readonly string[] = papers.map((p) => p.id)): PaperTable {
    const n = papers.length;
    if (ids.length !== n) throw new RangeError(`query/paper-table: ${ids.length} ids given for ${n} papers`);
    const extras = papers.map(({ authors, url, categories }) =>
      authors === undefined && url === undefined && categories === undefined
        ? ""
        : JSON.stringify({ authors, url, categories }),
    );
    return new PaperTable(
      ids,
      new PackedStrings(papers.map((p) => p.title)),
      new PackedStrings(papers.map((p) => p.abstract)),
      new PackedStrings(extras),
      Int32Array.from(papers, (p) => (p.year === undefined ? NO_YEAR : p.year)),
    );
  }

  get length(): number {
    return this.ids.length;
  }

  title(row: number): string {
    return this.titles.at(row);
  }

  year(row: number): number | undefined {
    const year = this.years[row];
    return year === NO_YEAR ? undefined : year;
  }

  /** The whole paper, as the corpus gave it. */
  paper(row: number): Paper {
    const paper: Paper = { id: this.ids[row], title: this.title(row), abstract: this.abstracts.at(row) };
    const json = this.extras.at(row);
    const extras = (json === "" ? {} : JSON.parse(json)) as Extras;
    if (extras.authors !== undefined) paper.authors = extras.authors;
    const year = this.year(row);
    if (year !== undefined) paper.year = year;
    if (extras.url !== undefined) paper.url = extras.url;
    if (extras.categories !== undefined) paper.categories = extras.categories;
    return paper;
  }
}

/** Strings one after another in one UTF-8 buffer, string i at bytes [offsets[i], offsets[i + 1]). */
class PackedStrings {
  private readonly bytes: Buffer;
  private readonly offsets: Float64Array;

  constructor(strings: readonly string[]) {
    this.offsets = new Float64Array(strings.length + 1);
    strings.forEach((s, i) => (this.offsets[i + 1] = this.offsets[i] + Buffer.byteLength(s, "utf8")));
    this.bytes = Buffer.allocUnsafe(this.offsets[strings.length]);
    strings.forEach((s, i) => this.bytes.write(s, this.offsets[i], "utf8"));
  }

  at(i: number): string {
    return this.bytes.toString("utf8", this.offsets[i], this.offsets[i + 1]);
  }
}
