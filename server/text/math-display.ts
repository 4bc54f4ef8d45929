// Titles and abstracts as a reader sees them: LaTeX math ($...$, \(...\)) and markup written as Unicode text
// ("$\textbf{Re}^{2}$" -> "Re²", "20 km s$^{-1}$" -> "20 km s⁻¹", "$M_\odot$" -> "M⊙"). The symbols come from
// unicode2latex's latex2unicode table (Better BibTeX's); superscripts and subscripts become Unicode ones where every
// character has one, else "^(...)" and "_(...)". The computation (TF-IDF, search) keeps the text as written.

import { latex2unicode } from "unicode2latex";

const TABLE = latex2unicode as unknown as Readonly<Record<string, string | { text?: string; math?: string }>>;

/** Commands whose argument is shown as it is (fonts, text in math, emphasis). */
const KEEP_ARGUMENT = new Set([
  "text",
  "textbf",
  "textit",
  "textrm",
  "textsf",
  "texttt",
  "textsc",
  "emph",
  "mathrm",
  "mathbf",
  "mathit",
  "mathsf",
  "mathtt",
  "mathnormal",
  "boldsymbol",
  "bm",
  "operatorname",
  "mbox",
  "hbox",
  "underline",
  "overline",
  "widetilde",
  "widehat",
  "tilde",
  "hat",
  "bar",
  "vec",
  "dot",
  "mathcal",
  "mathscr",
  "mathfrak",
  "mathbb",
]);
const SPACES: Readonly<Record<string, string>> = {
  ",": " ",
  ";": " ",
  ":": " ",
  "!": "",
  " ": " ",
  quad: " ",
  qquad: " ",
};

// Inline math neither starts nor ends with a space: "costs $5 and $6" holds none.
const MATH = /\$\$([^$]+)\$\$|\$(?! )([^$\n]{1,300}?)(?<! )\$|\\\(([\s\S]{1,300}?)\\\)/g;

/** The text with its math and markup as Unicode; text without "$" or "\" is returned as it is. */
export function displayText(text: string): string {
  if (!text.includes("$") && !text.includes("\\")) return text;
  const withMath = text.replace(MATH, (_whole, display?: string, inline?: string, paren?: string) =>
    renderMath(display ?? inline ?? paren ?? ""),
  );
  return withMath.includes("\\") ? renderMath(withMath, false) : withMath;
}

/** One math span (or, with `math` false, text with LaTeX commands in it) as Unicode. */
function renderMath(source: string, math = true): string {
  let at = 0;
  const group = (): string => {
    // The argument after a command, ^ or _: a {group} or one character (a command counts as one).
    while (source[at] === " ") at++;
    if (source[at] === "{") {
      let depth = 0;
      const start = at + 1;
      for (; at < source.length; at++) {
        if (source[at] === "{") depth++;
        else if (source[at] === "}" && --depth === 0) break;
      }
      const inner = source.slice(start, at);
      at++;
      return renderMath(inner, math);
    }
    if (source[at] === "\\") return command();
    return source[at++] ?? "";
  };
  const command = (): string => {
    const match = /^\\([A-Za-z]+|.)/.exec(source.slice(at));
    if (match === null) return source[at++];
    at += match[0].length;
    const name = match[1];
    if (Object.hasOwn(SPACES, name)) return SPACES[name];
    if (KEEP_ARGUMENT.has(name)) {
      const argument = group();
      const styled = symbol(`\\${name}{${argument}}`);
      return styled ?? argument;
    }
    if (name === "frac" || name === "dfrac" || name === "tfrac") {
      const numerator = group();
      const denominator = group();
      return `${wrap(numerator)}/${wrap(denominator)}`;
    }
    if (name === "sqrt") return `√${wrap(group())}`;
    if (name === "left" || name === "right" || name === "big" || name === "Big") return "";
    return symbol(`\\${name}`) ?? (/[A-Za-z]/.test(name) ? name : name);
  };
  let out = "";
  while (at < source.length) {
    const c = source[at];
    if (c === "\\") out += command();
    else if ((c === "^" || c === "_") && math) {
      at++;
      out += script(c, group());
    } else if (c === "{" || c === "}") at++;
    else if (c === "~" && math) {
      out += " ";
      at++;
    } else {
      out += c;
      at++;
    }
  }
  return out;
}

function symbol(latex: string): string | undefined {
  const entry = TABLE[latex];
  if (entry === undefined) return undefined;
  return typeof entry === "string" ? entry : (entry.math ?? entry.text);
}

/**
 * Superscript or subscript characters for all of `text`, else "^(text)" ("^x" for one character); a subscript symbol
 * without a subscript form follows as it is ("M_\\odot" -> "M⊙").
 */
function script(mark: "^" | "_", text: string): string {
  let out = "";
  for (const c of text) {
    const mapped = symbol(`${mark}{${c}}`) ?? symbol(`${mark}${c}`);
    if (mapped === undefined)
      return mark === "_" && [...text].length === 1 && !/\w/.test(text) ? text : `${mark}${wrap(text)}`;
    out += mapped;
  }
  return out;
}

function wrap(text: string): string {
  return [...text].length <= 1 ? text : `(${text})`;
}
