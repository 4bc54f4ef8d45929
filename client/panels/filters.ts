// Filters: a similarity slider that hides weaker links, a topic filter that keeps only the papers carrying a topic
// (topics suggested from GET /api/topics), and a switch that highlights the papers between topics.

import type { TopicsDto } from "../../server/contract/index.js";
import { formatScore, h, replaceChildren } from "../dom.js";
import type { State } from "../state.js";

export interface FiltersHandlers {
  onMinWeight(minWeight: number): void;
  loadTopics(): Promise<TopicsDto>;
  onTopic(term: string | null): void;
  onShowUncertain(show: boolean): void;
  onError(error: unknown): void;
}

export interface FiltersElements {
  slider: HTMLInputElement;
  sliderValue: HTMLElement;
  topicInput: HTMLInputElement;
  topicOptions: HTMLDataListElement;
  topicClear: HTMLButtonElement;
  topicStatus: HTMLElement;
  uncertainToggle: HTMLInputElement;
  uncertainStatus: HTMLElement;
}

/** What the filters need to know of the map on screen. */
export interface FilteredMap {
  /** Every link's weight, ascending. */
  weights: Float64Array;
  /** Papers between topics on the map, or null when the map shows no papers (an overview). */
  uncertain: number | null;
}

export interface FiltersView {
  update(state: State): void;
  /** Another map is on screen: the slider's range and the count of papers between topics follow it. */
  setMap(map: FilteredMap): void;
}

/** Links at or above `minWeight` in ascending `weights`. */
export function countAtLeast(weights: Float64Array, minWeight: number): number {
  let low = 0;
  let high = weights.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (weights[mid] < minWeight) low = mid + 1;
    else high = mid;
  }
  return weights.length - low;
}

export function createFilters(elements: FiltersElements, map: FilteredMap, handlers: FiltersHandlers): FiltersView {
  const { slider, sliderValue, topicInput, topicOptions, topicClear, topicStatus, uncertainToggle, uncertainStatus } =
    elements;
  let weights = map.weights;
  const setMap = (next: FilteredMap) => {
    weights = next.weights;
    const max = weights.length ? weights[weights.length - 1] : 1;
    // NOTE: an overview's links weigh a total of many papers' links, so the step follows the range.
    const step = max > 10 ? 1 : 0.01;
    slider.min = "0";
    slider.max = (Math.ceil(max / step) * step).toFixed(step < 1 ? 2 : 0);
    slider.step = String(step);
    slider.value = "0";
    showWeight(0);
    uncertainToggle.disabled = next.uncertain === null;
    uncertainStatus.textContent =
      next.uncertain === null
        ? "Open a cluster to see its papers between topics."
        : `${next.uncertain} ${next.uncertain === 1 ? "paper" : "papers"} on this map, drawn as rings`;
  };
  const showWeight = (minWeight: number) => {
    sliderValue.textContent = `≥ ${formatScore(minWeight)} · ${countAtLeast(weights, minWeight)} of ${weights.length} links`;
  };
  let frame = 0;
  slider.addEventListener("input", () => {
    showWeight(Number(slider.value));
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => handlers.onMinWeight(Number(slider.value)));
  });

  let topics: Set<string> | null = null;
  let loading: Promise<void> | null = null;
  const loadTopics = () => {
    loading ??= handlers
      .loadTopics()
      .then((answer) => {
        topics = new Set(answer.topics.map((topic) => topic.term));
        replaceChildren(
          topicOptions,
          ...answer.topics.map((topic) => h("option", { attrs: { value: topic.term } }, `${topic.papers} papers`)),
        );
      })
      .catch((error: unknown) => {
        loading = null;
        handlers.onError(error);
      });
    return loading;
  };
  let current: string | null = null;
  const applyTopic = () => {
    const term = topicInput.value.trim();
    if (term === (current ?? "")) return;
    if (!term) return handlers.onTopic(null);
    void loadTopics().then(() => {
      if (topicInput.value.trim() !== term) return;
      if (topics?.has(term)) handlers.onTopic(term);
      else topicStatus.textContent = `No topic “${term}”.`;
    });
  };
  topicInput.addEventListener("focus", () => void loadTopics());
  topicInput.addEventListener("change", applyTopic);
  topicInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      applyTopic();
    }
  });
  topicClear.addEventListener("click", () => {
    topicInput.value = "";
    handlers.onTopic(null);
  });
  uncertainToggle.addEventListener("change", () => handlers.onShowUncertain(uncertainToggle.checked));

  setMap(map);
  return {
    setMap,
    update(state) {
      uncertainToggle.checked = state.showUncertain;
      current = state.topic;
      if (Number(slider.value) !== state.minWeight) {
        slider.value = String(state.minWeight);
        showWeight(state.minWeight);
      }
      if (state.topic === null) {
        if (document.activeElement !== topicInput) topicInput.value = "";
        topicStatus.textContent = "";
        topicClear.hidden = true;
      } else {
        topicInput.value = state.topic;
        topicStatus.textContent = `${state.topicPapers?.size ?? 0} papers on “${state.topic}”`;
        topicClear.hidden = false;
      }
    },
  };
}
