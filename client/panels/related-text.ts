// "Related to my text": paste an abstract or a question, get the related papers (POST /api/related). The form
// only collects the text; the results go to the paper list and the map.

export interface RelatedTextHandlers {
  /** Runs the query; resolves when the results are shown. */
  submit(text: string): Promise<void>;
}

export const RELATED_TEXT_MIN_LENGTH = 3;

export function createRelatedText(form: HTMLFormElement, handlers: RelatedTextHandlers): void {
  const textarea = form.querySelector("textarea");
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (!textarea || !button)
    throw new Error("topicgraph client: the related-text form needs a textarea and a submit button");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (text.length < RELATED_TEXT_MIN_LENGTH) {
      textarea.focus();
      return;
    }
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    void handlers.submit(text).finally(() => {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    });
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
}
