// Filters: a similarity slider that hides weaker links, and a topic filter that keeps only the papers carrying
// a topic (topics suggested from GET /api/topics).

import type { TopicsDto } from "../../server/api/dto.js";
import { formatScore, h, replaceChildren } from "../dom.js";
import type { State } from "../state.js";

export interface FiltersHandlers {
  onMinWeight(minWeight: number): void;
  loadTopics(): Promise<TopicsDto>;
  onTopic(term: string | null): void;
  onError(error: unknown): void;
}

export interface FiltersElements {
  slider: HTMLInputElement;
  sliderValue: HTMLElement;
  topicInput: HTMLInputElement;
  topicOptions: HTMLDataListElement;
  topicClear: HTMLButtonElement;
  topicStatus: HTMLElement;
}

export interface FiltersView {
  update(state: State): void;
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

export function createFilters(
  elements: FiltersElements,
  weights: Float64Array,
  handlers: FiltersHandlers,
): FiltersView {
  const { slider, sliderValue, topicInput, topicOptions, topicClear, topicStatus } = elements;
  const max = weights.length ? weights[weights.length - 1] : 1;
  slider.min = "0";
  slider.max = (Math.ceil(max * 100) / 100).toFixed(2);
  slider.step = "0.01";
  slider.value = "0";
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

  showWeight(0);
  return {
    update(state) {
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
