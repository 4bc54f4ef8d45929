// The search box: as one types it suggests the best papers and topics (GET /api/search), and last "All N results",
// which lists them all in the side panel. Enter lists all the results, unless the arrow keys picked a suggestion;
// a click takes a suggestion. Choosing a topic lists its papers and keeps only them on the map.

import type { SearchDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";
import type { PaperRef } from "../state.js";
import { papersCount } from "./papers.js";

export interface SearchHandlers {
  search(query: string, signal: AbortSignal): Promise<SearchDto>;
  onPaper(paper: PaperRef): void;
  onTopic(term: string): void;
  /** Lists every result of the query. */
  onSearch(query: string): void;
  onError(error: unknown): void;
}

export interface SearchView {
  /** Puts text in the box (a restored link, Back), without opening suggestions. */
  setQuery(query: string): void;
}

type Suggestion =
  | { kind: "paper"; id: string; cluster: number; title: string }
  | { kind: "topic"; term: string; papers: number }
  | { kind: "all"; query: string; total: number };

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_MIN_LENGTH = 2;
/** Papers suggested while typing. */
export const SEARCH_LIMIT = 8;
const TOPIC_SUGGESTIONS = 4;

export function createSearch(input: HTMLInputElement, listbox: HTMLElement, handlers: SearchHandlers): SearchView {
  let suggestions: Suggestion[] = [];
  /** The suggestion picked with the arrow keys, -1 for none (Enter then lists every result). */
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const label = (suggestion: Suggestion): Node | string => {
    if (suggestion.kind === "paper") return suggestion.title;
    if (suggestion.kind === "topic") {
      return h(
        "span",
        {},
        h("span", { className: "kind" }, "topic "),
        suggestion.term,
        h("span", { className: "count" }, ` ${papersCount(suggestion.papers)}`),
      );
    }
    return `All ${suggestion.total.toLocaleString("en")} ${suggestion.total === 1 ? "result" : "results"} for “${suggestion.query}”`;
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
        label(suggestion),
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
  const run = (query: string) => {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    handlers
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
          ...(answer.total > 0 ? [{ kind: "all", query, total: answer.total } as const] : []),
        ];
        active = -1;
        if (document.activeElement === input) render();
      })
      .catch((error: unknown) => {
        if (!own.signal.aborted) handlers.onError(error);
      });
  };
  const choose = (i: number) => {
    const suggestion = suggestions[i];
    if (!suggestion) return;
    close();
    if (suggestion.kind === "paper") handlers.onPaper({ id: suggestion.id, cluster: suggestion.cluster });
    else if (suggestion.kind === "topic") handlers.onTopic(suggestion.term);
    else handlers.onSearch(suggestion.query);
  };
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    controller?.abort();
    controller = null;
  };

  input.addEventListener("input", () => {
    const query = input.value.trim();
    clearTimeout(timer);
    if (query.length < SEARCH_MIN_LENGTH) {
      cancel();
      suggestions = [];
      close();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      run(query);
    }, SEARCH_DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!suggestions.length) return;
      event.preventDefault();
      // The positions are "none" (-1) then each suggestion, round and round.
      const positions = suggestions.length + 1;
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = ((active + 1 + step + positions) % positions) - 1;
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) return choose(active);
      const query = input.value.trim();
      if (query.length < SEARCH_MIN_LENGTH) return;
      cancel();
      close();
      handlers.onSearch(query);
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
      if (input.value.trim() === query) return;
      cancel();
      input.value = query;
      suggestions = [];
      close();
    },
  };
}
