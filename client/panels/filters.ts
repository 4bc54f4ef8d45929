// Filters: a similarity slider that hides weaker links, a topic filter that keeps only the papers on a topic (topics
// suggested from GET /api/topics), and a switch that highlights the papers between topics. The slider moves along
// the links' weight percentiles, so that each of its steps hides about one link in a hundred more.

import type { TopicsDto } from "../../server/contract/index.js";
import { formatScore, h, replaceChildren } from "../dom.js";
import { papersCount } from "./papers.js";
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
  /** The weights at the 0th..100th percentile when the server gave them; else taken from `weights`. */
  scale: readonly number[] | null;
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

/** The weights at the 0th, 1st, ..., 100th percentile of ascending `weights` (nearest rank). */
export function percentiles(weights: Float64Array): number[] {
  if (weights.length === 0) return [];
  return Array.from({ length: 101 }, (_, i) => weights[Math.round((i / 100) * (weights.length - 1))]);
}

/**
 * The slider's thresholds: 0 (every link), then each distinct percentile above the lightest weight, ascending; so
 * that every step hides more links.
 */
export function sliderSteps(scale: readonly number[]): number[] {
  const steps = [0];
  for (const weight of scale) if (weight > steps[steps.length - 1] && weight > scale[0]) steps.push(weight);
  return steps;
}

/** The slider's position for a threshold: the last step at or below it. */
export function stepOf(steps: readonly number[], minWeight: number): number {
  let position = 0;
  while (position + 1 < steps.length && steps[position + 1] <= minWeight) position++;
  return position;
}

export function createFilters(elements: FiltersElements, map: FilteredMap, handlers: FiltersHandlers): FiltersView {
  const { slider, sliderValue, topicInput, topicOptions, topicClear, topicStatus, uncertainToggle, uncertainStatus } =
    elements;
  let weights = map.weights;
  let steps = [0];
  const setMap = (next: FilteredMap) => {
    weights = next.weights;
    steps = sliderSteps(next.scale ?? percentiles(weights));
    slider.min = "0";
    slider.max = String(steps.length - 1);
    slider.step = "1";
    slider.value = "0";
    slider.disabled = steps.length < 2;
    showWeight(0);
    uncertainToggle.disabled = next.uncertain === null;
    uncertainStatus.textContent =
      next.uncertain === null
        ? "Open a cluster to see its papers between topics."
        : `${next.uncertain} ${next.uncertain === 1 ? "paper" : "papers"} on this map, drawn as rings`;
  };
  const showWeight = (minWeight: number) => {
    const kept = countAtLeast(weights, minWeight);
    sliderValue.textContent = `≥ ${formatScore(minWeight)} · ${kept.toLocaleString("en")} of ${weights.length.toLocaleString("en")} links`;
  };
  let frame = 0;
  slider.addEventListener("input", () => {
    const minWeight = steps[Number(slider.value)] ?? 0;
    showWeight(minWeight);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => handlers.onMinWeight(minWeight));
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
          ...answer.topics.map((topic) => h("option", { attrs: { value: topic.term } }, papersCount(topic.papers))),
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
      if ((steps[Number(slider.value)] ?? 0) !== state.minWeight) {
        slider.value = String(stepOf(steps, state.minWeight));
        showWeight(state.minWeight);
      }
      if (state.topic === null) {
        if (document.activeElement !== topicInput) topicInput.value = "";
        topicStatus.textContent = "";
        topicClear.hidden = true;
      } else {
        topicInput.value = state.topic;
        topicStatus.textContent =
          state.topicTotal === null
            ? `Loading the papers on “${state.topic}”…`
            : `${papersCount(state.topicTotal)} on “${state.topic}”`;
        topicClear.hidden = false;
      }
    },
  };
}
