// "Related to my text": paste an abstract or a question, get the related papers (POST /api/related). The form only
// collects the text; the papers go to the list panel and the map (State `text`, so that a link restores it).

export interface RelatedTextHandlers {
  submit(text: string): void;
}

export interface RelatedTextView {
  /** Puts text in the box (a restored link, Back). */
  setText(text: string): void;
}

export const RELATED_TEXT_MIN_LENGTH = 3;

export function createRelatedText(form: HTMLFormElement, handlers: RelatedTextHandlers): RelatedTextView {
  const textarea = form.querySelector("textarea");
  if (!textarea) throw new Error("topicgraph client: the related-text form needs a textarea");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (text.length < RELATED_TEXT_MIN_LENGTH) {
      textarea.focus();
      return;
    }
    handlers.submit(text);
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  return {
    setText(text) {
      if (textarea.value.trim() !== text) textarea.value = text;
    },
  };
}
