// The facet filter: a category, author or venue (values from GET /api/facets, loaded on first use); papers without it
// fade on the map. Hidden when the corpus's papers carry none of them.

import type { FacetsDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";
import type { FacetChoice, State } from "../state.js";

export interface FacetFilterElements {
  section: HTMLElement;
  name: HTMLSelectElement;
  value: HTMLInputElement;
  options: HTMLDataListElement;
  clear: HTMLButtonElement;
  status: HTMLElement;
}

export interface FacetFilterHandlers {
  loadFacets(): Promise<FacetsDto>;
  onFacet(choice: FacetChoice | null): void;
  onError(error: unknown): void;
}

export interface FacetFilterView {
  update(state: State): void;
}

const NAMES: Record<FacetChoice["name"], string> = { category: "category", author: "author", venue: "venue" };

export function createFacetFilter(elements: FacetFilterElements, handlers: FacetFilterHandlers): FacetFilterView {
  const { section, name, value, options, clear, status } = elements;
  let facets: FacetsDto["facets"] | null = null;
  let loading: Promise<void> | null = null;
  const fillOptions = () => {
    const values = facets?.[name.value as FacetChoice["name"]]?.values ?? [];
    replaceChildren(options, ...values.map((v) => h("option", { attrs: { value: v.value } }, `${v.papers} papers`)));
  };
  const load = () =>
    (loading ??= handlers
      .loadFacets()
      .then((answer) => {
        facets = answer.facets;
        const present = (Object.keys(NAMES) as FacetChoice["name"][]).filter((n) => answer.facets[n].distinct > 0);
        section.hidden = present.length === 0;
        replaceChildren(name, ...present.map((n) => h("option", { attrs: { value: n } }, NAMES[n])));
        fillOptions();
      })
      .catch((error: unknown) => {
        loading = null;
        handlers.onError(error);
      }));
  const apply = () => {
    const text = value.value.trim();
    if (!text) return handlers.onFacet(null);
    void load().then(() => {
      const facet = name.value as FacetChoice["name"];
      if (facets?.[facet].values.some((v) => v.value === text)) handlers.onFacet({ name: facet, value: text });
      else status.textContent = `No ${NAMES[facet] ?? "value"} “${text}” among the most common.`;
    });
  };
  name.addEventListener("change", () => {
    fillOptions();
    if (value.value.trim()) apply();
  });
  value.addEventListener("change", apply);
  value.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      apply();
    }
  });
  clear.addEventListener("click", () => {
    value.value = "";
    handlers.onFacet(null);
  });
  void load();
  return {
    update(state) {
      clear.hidden = state.facet === null;
      if (state.facet === null) {
        status.textContent = "";
        return;
      }
      name.value = state.facet.name;
      value.value = state.facet.value;
      status.textContent = `${state.facetPapers?.size ?? 0} papers with ${NAMES[state.facet.name]} “${state.facet.value}” on this map`;
    },
  };
}
