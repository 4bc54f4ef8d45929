// DOM building without HTML parsing: every piece of text goes through text nodes, so titles and abstracts that
// contain markup are shown as written, never interpreted.

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  /** Attributes set with setAttribute (data-*, aria-*, role, type, ...). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  /** Event listeners, by event name. */
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

/** Creates an element; string children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [name, listener] of Object.entries(options.on ?? {})) {
    if (listener) element.addEventListener(name, listener);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** The element with this id, or an error naming it: index.html and the code must agree. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`topicgraph client: missing #${id} in index.html`);
  return element as T;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** A share 0..1 as a whole percentage; a small non-zero share is "<1%", never "0%". */
export function formatShare(share: number): string {
  if (!(share > 0)) return "0%";
  if (share < 0.005) return "<1%";
  return `${Math.round(Math.min(share, 1) * 100)}%`;
}
