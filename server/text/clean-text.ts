// Removes what is not prose from an abstract before tokenizing: URLs, e-mail addresses, LaTeX math and markup.

const URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"')\]]+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
// $$...$$, $...$, \(...\), \[...\]; a lone "$" (as in "costs $5") is left alone because the match needs a closing "$".
const DISPLAY_MATH = /\$\$[^$]*\$\$|\\\[[\s\S]*?\\\]/g;
const INLINE_MATH = /\$[^$\n]{1,300}\$|\\\([\s\S]*?\\\)/g;
// \emph{word} keeps "word"; \cite{key}, \ref{key} lose their argument; other bare commands (\alpha) go.
const LATEX_NO_TEXT = /\\(?:cite[tp]?|ref|eqref|label|url|href)\s*\{[^}]*\}/g;
const LATEX_WITH_TEXT = /\\[a-zA-Z]+\*?\s*\{([^{}]*)\}/g;
const LATEX_COMMAND = /\\[a-zA-Z]+\*?/g;
const WWW = /www\./i;

/**
 * NOTE: each pattern runs only when the text holds the character it needs (most abstracts have no URL, e-mail, math
 * or markup), a fraction of running all seven on every text, with the same output (test/text/tokenize.test.ts
 * compares them on the corpus).
 */
export function cleanText(text: string): string {
  let out = text;
  if (out.includes("://") || WWW.test(out)) out = out.replace(URL, " . ");
  if (out.includes("@")) out = out.replace(EMAIL, " . ");
  if (out.includes("$") || out.includes("\\")) out = out.replace(DISPLAY_MATH, " . ").replace(INLINE_MATH, " . ");
  if (out.includes("\\"))
    out = out.replace(LATEX_NO_TEXT, " ").replace(LATEX_WITH_TEXT, " $1 ").replace(LATEX_COMMAND, " ");
  return out;
}

/** Every pattern, unguarded: what cleanText must equal. */
export function cleanTextUnguarded(text: string): string {
  return text
    .replace(URL, " . ")
    .replace(EMAIL, " . ")
    .replace(DISPLAY_MATH, " . ")
    .replace(INLINE_MATH, " . ")
    .replace(LATEX_NO_TEXT, " ")
    .replace(LATEX_WITH_TEXT, " $1 ")
    .replace(LATEX_COMMAND, " ");
}
