// "Add papers", shown when the server writes to a library: paste papers (a JSON paper, an array, or JSON Lines) or pick
// a file (JSON, JSON Lines, CSV), and they are added (POST /api/papers) and served at once. The write token is asked
// for once and kept for the tab only (sessionStorage); a wrong one is forgotten and asked for again.

import type { ApiError } from "../api.js";
import { h, replaceChildren } from "../dom.js";

const TOKEN_KEY = "topicgraph-token";

/** What a POST /api/papers answered, as this panel tells it. */
export interface AddedSummary {
  added: number;
  updated: number;
  skipped: { index: number; reason: string }[];
}

export interface AddPapersHandlers {
  /** Sends the papers; rejects with an ApiError (401: the token is wrong). */
  add(body: string, type: string, token: string): Promise<AddedSummary>;
  /** The map changed: load it again. */
  onAdded(summary: AddedSummary): void;
}

export interface AddPapersElements {
  section: HTMLElement;
  form: HTMLFormElement;
  text: HTMLTextAreaElement;
  file: HTMLInputElement;
  tokenRow: HTMLElement;
  token: HTMLInputElement;
  message: HTMLElement;
}

/** The body's media type: by the file's extension, else JSON when the text parses as JSON, else JSON Lines. */
export function bodyType(text: string, fileName?: string): string {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === "csv") return "text/csv";
  if (extension === "jsonl" || extension === "ndjson") return "application/x-ndjson";
  if (extension === "json") return "application/json";
  try {
    JSON.parse(text);
    return "application/json";
  } catch {
    return "application/x-ndjson";
  }
}

export function createAddPapers(ui: AddPapersElements, handlers: AddPapersHandlers): { show(writable: boolean): void } {
  const button = ui.form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const say = (text: string, kind: "info" | "error" = "info", details: string[] = []) => {
    ui.message.dataset.kind = kind;
    replaceChildren(
      ui.message,
      h("p", {}, text),
      details.length > 0 && h("ul", {}, ...details.map((d) => h("li", {}, d))),
    );
  };
  const askToken = (why: string) => {
    ui.tokenRow.hidden = false;
    ui.token.value = "";
    ui.token.focus();
    say(why, "error");
  };

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    const typed = ui.token.value.trim();
    // NOTE: kept in the tab's storage only; the field is emptied so that a token found wrong is not sent again.
    ui.token.value = "";
    if (typed !== "") sessionStorage.setItem(TOKEN_KEY, typed);
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token === null) return askToken("Enter the server's write token to add papers.");
    const file = ui.file.files?.[0];
    const body = file !== undefined ? await file.text() : ui.text.value.trim();
    if (body === "") {
      ui.text.focus();
      return say("Paste papers, or pick a file.", "error");
    }
    button.disabled = true;
    ui.form.setAttribute("aria-busy", "true");
    say("Adding…");
    try {
      const summary = await handlers.add(body, bodyType(body, file?.name), token);
      ui.tokenRow.hidden = true;
      ui.text.value = "";
      ui.file.value = "";
      const counts = `Added ${summary.added}, updated ${summary.updated}, skipped ${summary.skipped.length}.`;
      say(
        counts,
        "info",
        summary.skipped.map((s) => `Paper ${s.index + 1}: ${s.reason}`),
      );
      handlers.onAdded(summary);
    } catch (error) {
      const status = (error as ApiError).status;
      if (status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        askToken(`${(error as Error).message}: enter the server's write token.`);
      } else {
        say((error as Error).message, "error");
      }
    } finally {
      button.disabled = false;
      ui.form.removeAttribute("aria-busy");
    }
  }

  return {
    show(writable) {
      ui.section.hidden = !writable;
      ui.tokenRow.hidden = sessionStorage.getItem(TOKEN_KEY) !== null;
    },
  };
}
