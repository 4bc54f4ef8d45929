// The corpus's papers as the store keeps them: the ids as strings (the id -> row map needs them) and every other
// field in UTF-8 buffers with offsets by row (titles, abstracts, and the optional fields as JSON), decoded when a
// response needs them. A handful of long-lived objects where Paper objects are a dozen each (object, strings, author and
// category arrays): at 96k papers, a third of the heap's objects that every major GC would mark.

import type { Paper } from "../corpus/types.js";
import { displayText } from "../text/math-display.js";

type Extras = Pick<Paper, "authors" | "url" | "categories" | "doi" | "venue" | "date">;

/** A paper without its title and abstract: what its date and facets are read from. */
export type PaperFields = Omit<Paper, "title" | "abstract">;

/** A table as typed arrays (for the build cache): each packed column's bytes and offsets, and the years. */
export interface PaperTableArrays {
  "papers.titles": Uint8Array;
  "papers.titleOffsets": Float64Array;
  "papers.abstracts": Uint8Array;
  "papers.abstractOffsets": Float64Array;
  "papers.extras": Uint8Array;
  "papers.extraOffsets": Float64Array;
  "papers.years": Int32Array;
}

/** The papers by row as the answers read them: a build's table, or one with papers added since (query/changes). */
export type PaperRows = Pick<PaperTable, "ids" | "length" | "title" | "year" | "paper">;

/** Marks a paper without a year. */
const NO_YEAR = -2147483648;

export class PaperTable {
  private constructor(
    /** Paper ids by row. */
    readonly ids: readonly string[],
    private readonly titles: PackedStrings,
    private readonly abstracts: PackedStrings,
    /** Authors, url, categories, doi, venue and date as JSON, "" when a paper has none of them. */
    private readonly extras: PackedStrings,
    private readonly years: Int32Array,
  ) {}

  /**
   * The table of `papers`, titles and abstracts as a reader sees them (text/math-display: LaTeX as Unicode); `ids`,
   * when given, must be their ids (an array already kept, e.g. the graph's).
   */
  static from(papers: readonly Paper[], ids: readonly string[] = papers.map((p) => p.id)): PaperTable {
    const n = papers.length;
    if (ids.length !== n) throw new RangeError(`query/paper-table: ${ids.length} ids given for ${n} papers`);
    const extras = papers.map(({ authors, url, categories, doi, venue, date }) =>
      [authors, url, categories, doi, venue, date].every((field) => field === undefined)
        ? ""
        : JSON.stringify({ authors, url, categories, doi, venue, date }),
    );
    return new PaperTable(
      ids,
      PackedStrings.of(papers.map((p) => displayText(p.title))),
      PackedStrings.of(papers.map((p) => displayText(p.abstract))),
      PackedStrings.of(extras),
      Int32Array.from(papers, (p) => (p.year === undefined ? NO_YEAR : p.year)),
    );
  }

  /** The table of `ids` from its arrays (`toArrays`); the arrays are kept, not copied. */
  static fromArrays(ids: readonly string[], arrays: PaperTableArrays): PaperTable {
    const n = ids.length;
    const packed = (bytes: Uint8Array, offsets: Float64Array, name: string) => {
      if (offsets.length !== n + 1 || offsets[n] !== bytes.length) {
        throw new RangeError(`query/paper-table: the ${name} column does not hold ${n} strings`);
      }
      return new PackedStrings(bytes, offsets);
    };
    const titles = packed(arrays["papers.titles"], arrays["papers.titleOffsets"], "title");
    const abstracts = packed(arrays["papers.abstracts"], arrays["papers.abstractOffsets"], "abstract");
    const extras = packed(arrays["papers.extras"], arrays["papers.extraOffsets"], "extras");
    if (arrays["papers.years"].length !== n) throw new RangeError(`query/paper-table: the years are not ${n}`);
    return new PaperTable(ids, titles, abstracts, extras, arrays["papers.years"]);
  }

  /** The table's columns as typed arrays (views, not copies), for `fromArrays`. */
  toArrays(): PaperTableArrays {
    return {
      "papers.titles": this.titles.bytes,
      "papers.titleOffsets": this.titles.offsets,
      "papers.abstracts": this.abstracts.bytes,
      "papers.abstractOffsets": this.abstracts.offsets,
      "papers.extras": this.extras.bytes,
      "papers.extraOffsets": this.extras.offsets,
      "papers.years": this.years,
    };
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
    return this.withFields({ id: this.ids[row], title: this.title(row), abstract: this.abstracts.at(row) }, row);
  }

  /** The paper of `row` without its title and abstract (the store reads dates and facets from every paper at load). */
  fields(row: number): PaperFields {
    return this.withFields({ id: this.ids[row] }, row);
  }

  /** `paper` with the optional fields of `row`, in Paper's order. */
  private withFields<T extends PaperFields>(paper: T, row: number): T {
    const json = this.extras.at(row);
    const extras = (json === "" ? {} : JSON.parse(json)) as Extras;
    if (extras.authors !== undefined) paper.authors = extras.authors;
    const year = this.year(row);
    if (year !== undefined) paper.year = year;
    if (extras.url !== undefined) paper.url = extras.url;
    if (extras.categories !== undefined) paper.categories = extras.categories;
    if (extras.doi !== undefined) paper.doi = extras.doi;
    if (extras.venue !== undefined) paper.venue = extras.venue;
    if (extras.date !== undefined) paper.date = extras.date;
    return paper;
  }
}

/** Strings one after another in one UTF-8 buffer, string i at bytes [offsets[i], offsets[i + 1]). */
class PackedStrings {
  private readonly buffer: Buffer;

  constructor(
    readonly bytes: Uint8Array,
    readonly offsets: Float64Array,
  ) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  static of(strings: readonly string[]): PackedStrings {
    const offsets = new Float64Array(strings.length + 1);
    strings.forEach((s, i) => (offsets[i + 1] = offsets[i] + Buffer.byteLength(s, "utf8")));
    const bytes = Buffer.allocUnsafe(offsets[strings.length]);
    strings.forEach((s, i) => bytes.write(s, offsets[i], "utf8"));
    // A plain Uint8Array view: what the build cache stores (a Buffer's constructor is not one it knows).
    return new PackedStrings(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets);
  }

  at(i: number): string {
    return this.buffer.toString("utf8", this.offsets[i], this.offsets[i + 1]);
  }
}
