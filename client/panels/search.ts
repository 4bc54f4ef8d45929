// The search box: suggests papers and topics as one types (GET /api/search), arrow keys move through the
// suggestions, Enter or a click selects the highlighted one (by default the best match).

import type { SearchDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";
import type { PaperRef } from "../state.js";

export interface SearchHandlers {
  search(query: string, signal: AbortSignal): Promise<SearchDto>;
  onPaper(paper: PaperRef): void;
  onTopic(term: string): void;
  /** The box's text changed (the URL follows it). */
  onQuery(query: string): void;
  onError(error: unknown): void;
}

export interface SearchView {
  /** Puts text in the box (a restored link), without opening suggestions. */
  setQuery(query: string): void;
}

type Suggestion =
  { kind: "paper"; id: string; cluster: number; title: string } | { kind: "topic"; term: string; papers: number };

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_LIMIT = 8;
const TOPIC_SUGGESTIONS = 4;

export function createSearch(input: HTMLInputElement, listbox: HTMLElement, handlers: SearchHandlers): SearchView {
  let suggestions: Suggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  let pending: Promise<void> | null = null;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const render = () => {
    const options = suggestions.map((suggestion, i) =>
      h(
        "li",
        {
          className: `suggestion ${suggestion.kind}`,
          attrs: {
            id: `search-option-${i}`,
            role: "option",
            "aria-selected": i === active ? "true" : "false",
            "data-testid": "search-suggestion",
            "data-kind": suggestion.kind,
            "data-paper-id": suggestion.kind === "paper" ? suggestion.id : null,
            "data-topic": suggestion.kind === "topic" ? suggestion.term : null,
          },
          on: {
            mousedown: (event) => event.preventDefault(),
            click: () => choose(i),
          },
        },
        suggestion.kind === "paper"
          ? suggestion.title
          : h(
              "span",
              {},
              h("span", { className: "kind" }, "topic "),
              suggestion.term,
              h("span", { className: "count" }, ` ${suggestion.papers} papers`),
            ),
      ),
    );
    replaceChildren(
      listbox,
      ...(options.length
        ? options
        : [h("li", { className: "suggestion empty", attrs: { role: "option", "aria-disabled": "true" } }, "No match")]),
    );
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (active >= 0) input.setAttribute("aria-activedescendant", `search-option-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const run = (query: string): Promise<void> => {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    const done = handlers
      .search(query, own.signal)
      .then((answer) => {
        if (own.signal.aborted) return;
        suggestions = [
          ...answer.results.map((result): Suggestion => ({
            kind: "paper",
            id: result.id,
            cluster: result.cluster,
            title: result.title,
          })),
          ...answer.topics.slice(0, TOPIC_SUGGESTIONS).map((topic): Suggestion => ({ kind: "topic", ...topic })),
        ];
        active = suggestions.length ? 0 : -1;
        if (document.activeElement === input) render();
      })
      .catch((error: unknown) => {
        if (!own.signal.aborted) handlers.onError(error);
      });
    pending = done;
    return done;
  };
  const choose = (i: number) => {
    const suggestion = suggestions[i];
    if (!suggestion) return;
    close();
    if (suggestion.kind === "paper") handlers.onPaper({ id: suggestion.id, cluster: suggestion.cluster });
    else handlers.onTopic(suggestion.term);
  };

  input.addEventListener("input", () => {
    const query = input.value.trim();
    handlers.onQuery(query);
    clearTimeout(timer);
    if (query.length < SEARCH_MIN_LENGTH) {
      controller?.abort();
      suggestions = [];
      pending = null;
      close();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      void run(query);
    }, SEARCH_DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!suggestions.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const query = input.value.trim();
      if (query.length < SEARCH_MIN_LENGTH) return;
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        void run(query).then(() => choose(active < 0 ? 0 : active));
      } else if (pending) {
        void pending.then(() => choose(active < 0 ? 0 : active));
      }
    } else if (event.key === "Escape" && !listbox.hidden) {
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("focus", () => {
    if (suggestions.length && input.value.trim().length >= SEARCH_MIN_LENGTH) render();
  });
  input.addEventListener("blur", close);
  close();

  return {
    setQuery(query) {
      input.value = query;
      suggestions = [];
      if (query.length >= SEARCH_MIN_LENGTH) pending = run(query);
    },
  };
}
