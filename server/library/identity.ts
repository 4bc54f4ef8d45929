// What makes two records the same paper in the library: the id, then an arXiv id or a DOI read from the id or the URL,
// then the title compared without case, accents, punctuation or spacing.

import type { Paper } from "../corpus/types.js";

/** The keys a paper is matched by, in the order they are tried after its id. */
export interface PaperKeys {
  /** arXiv identifier without its version: `2503.11731`, `hep-th/9901001`. */
  arxivId: string | null;
  /** DOI, lower-cased (DOIs are case-insensitive): `10.1145/3292500.3330701`. */
  doi: string | null;
  titleKey: string;
}

const ARXIV_ID = /^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z][a-z.-]*\/\d{7})(?:v\d+)?$/i;
const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const DOI = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i;
const DOI_URL = /^https?:\/\/(?:dx\.)?doi\.org\/([^?#]+?)\/?(?:[?#].*)?$/i;

export function paperKeys(paper: Pick<Paper, "id" | "title" | "url">): PaperKeys {
  return { arxivId: arxivIdOf(paper), doi: doiOf(paper), titleKey: titleKey(paper.title) };
}

/** The arXiv id of a paper whose id is one (`2503.11731v2`, `arXiv:hep-th/9901001`) or whose URL is an arXiv page. */
export function arxivIdOf({ id, url }: Pick<Paper, "id" | "url">): string | null {
  const fromId = ARXIV_ID.exec(id.trim());
  if (fromId) return fromId[1].toLowerCase();
  const page = url === undefined ? null : ARXIV_URL.exec(url);
  const fromUrl = page === null ? null : ARXIV_ID.exec(safeDecode(page[1]));
  return fromUrl ? fromUrl[1].toLowerCase() : null;
}

/**
 * The DOI of a paper: its `doi` field, else its id when that is one (`10.1000/xyz`, `doi:10.1000/xyz`), else the one
 * its URL resolves (doi.org); lower case (DOIs are case-insensitive).
 */
export function doiOf({ id, url, doi }: Pick<Paper, "id" | "url" | "doi">): string | null {
  const given = doi === undefined ? null : DOI.exec(doi.trim());
  if (given) return given[1].toLowerCase();
  const fromId = DOI.exec(id.trim());
  if (fromId) return fromId[1].toLowerCase();
  const page = url === undefined ? null : DOI_URL.exec(url);
  const fromUrl = page === null ? null : DOI.exec(safeDecode(page[1]));
  return fromUrl ? fromUrl[1].toLowerCase() : null;
}

/** The title as compared: NFKD with marks dropped, lower case, every run of non-letters and non-digits one space. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * True when the keys say two records are different papers whatever else matches: both carry an arXiv id, or both a
 * DOI, and they differ (two papers may share a title, and a title-made id, yet not an arXiv id).
 */
export function keysConflict(a: PaperKeys, b: PaperKeys): boolean {
  return (
    (a.arxivId !== null && b.arxivId !== null && a.arxivId !== b.arxivId) ||
    (a.doi !== null && b.doi !== null && a.doi !== b.doi)
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
