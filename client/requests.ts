// Latest-wins requests: one AbortController per kind of request (a paper's details, a cluster's papers, ...), so
// that starting a new one cancels the one it replaces and a late answer never overwrites a newer one.

export class LatestRequests {
  readonly #controllers = new Map<string, AbortController>();

  /** Aborts the pending request of this kind and returns the signal for the new one. */
  signal(kind: string): AbortSignal {
    this.abort(kind);
    const controller = new AbortController();
    this.#controllers.set(kind, controller);
    return controller.signal;
  }

  abort(kind: string): void {
    this.#controllers.get(kind)?.abort();
    this.#controllers.delete(kind);
  }

  abortAll(): void {
    for (const controller of this.#controllers.values()) controller.abort();
    this.#controllers.clear();
  }
}
