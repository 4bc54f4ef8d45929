// The date filter: two lists of the timeline's buckets (months or years, from the API); papers outside the chosen span
// fade on the map, and papers without a date with them. The whole span is no filter.

import type { TimelineDto } from "../../server/contract/index.js";
import { h, replaceChildren } from "../dom.js";
import type { DateRange, State } from "../state.js";

export interface DateFilterElements {
  section: HTMLElement;
  from: HTMLSelectElement;
  to: HTMLSelectElement;
  clear: HTMLButtonElement;
  status: HTMLElement;
}

export interface DateFilterView {
  update(state: State): void;
}

export function createDateFilter(
  elements: DateFilterElements,
  timeline: TimelineDto,
  onRange: (range: DateRange | null) => void,
): DateFilterView {
  const { section, from, to, clear, status } = elements;
  const { labels } = timeline;
  if (labels.length < 2) {
    section.hidden = true;
    return { update() {} };
  }
  section.hidden = false;
  for (const select of [from, to])
    replaceChildren(select, ...labels.map((label) => h("option", { attrs: { value: label } }, label)));
  const show = (range: DateRange | null) => {
    from.value = range?.from ?? labels[0];
    to.value = range?.to ?? labels[labels.length - 1];
    clear.hidden = range === null;
    status.textContent =
      range === null
        ? `${timeline.dated} of ${timeline.dated + timeline.undated} papers dated${timeline.derived > 0 ? ` (${timeline.derived} from their arXiv id)` : ""}.`
        : `Papers outside ${range.from} to ${range.to}, and undated ones, are faded.`;
  };
  const changed = (moved: HTMLSelectElement) => {
    // Keep the span the right way round: the list not moved follows the one moved.
    if (labels.indexOf(from.value) > labels.indexOf(to.value)) {
      if (moved === from) to.value = from.value;
      else from.value = to.value;
    }
    const whole = from.value === labels[0] && to.value === labels[labels.length - 1];
    onRange(whole ? null : { from: from.value, to: to.value });
  };
  from.addEventListener("change", () => changed(from));
  to.addEventListener("change", () => changed(to));
  clear.addEventListener("click", () => onRange(null));
  show(null);
  return { update: (state) => show(state.dateRange) };
}
