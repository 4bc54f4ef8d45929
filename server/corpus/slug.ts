// Stable ids from titles: lower-case ASCII slugs with accents folded, e.g. "Café Étude" -> "cafe-etude".

export const SLUG_MAX_LENGTH = 80;

/**
 * The title as a slug of at most `maxLength` characters, cut at a word boundary when one is near.
 * A title with no ASCII letter or digit (all CJK, say) gets `paper-` and an FNV-1a hash of the title.
 */
export function slugify(title: string, maxLength = SLUG_MAX_LENGTH): string {
  let slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > maxLength) {
    const cut = slug.lastIndexOf("-", maxLength);
    slug = slug.slice(0, cut > maxLength / 2 ? cut : maxLength).replace(/-+$/, "");
  }
  return slug.length > 0 ? slug : `paper-${fnv1a(title)}`;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
