// Holds the current State and the index of the map on screen, runs transitions and tells subscribers.

import { initialState, type GraphIndex, type State, type Transition } from "./state.js";

export type StateListener = (state: State, previous: State) => void;

/**
 * Holds the current State and the index of the map on screen; `apply` runs a transition and tells the subscribers
 * when anything changed; `replaceIndex` puts another map's index in place and runs the transition that follows it.
 */
export class Store {
  #state: State;
  #index: GraphIndex;
  readonly #listeners = new Set<StateListener>();

  constructor(index: GraphIndex, initial: State = initialState()) {
    this.#index = index;
    this.#state = initial;
  }

  get state(): State {
    return this.#state;
  }

  get index(): GraphIndex {
    return this.#index;
  }

  apply(transition: Transition): void {
    const previous = this.#state;
    const next = transition(previous, this.#index);
    if (next === previous) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next, previous);
  }

  replaceIndex(index: GraphIndex, transition: Transition): void {
    this.#index = index;
    this.apply(transition);
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
