/** A button or menu entry; `id` comes back as an action when pressed. */
export interface Choice {
  id: string;
  label: string;
  style?: "primary" | "danger";
}

/**
 * The longest text a form field may ask for. A form is shown on every platform, so it takes the
 * strictest: Slack's plain_text_input accepts max_length 1–3000 (Discord's text input 4000, the web
 * chat 4000, a Telegram message 4096).
 */
export const FORM_TEXT_MAX = 3000;

export interface FormField {
  name: string;
  label: string;
  type: "text" | "textarea" | "select" | "multiselect" | "number" | "date";
  required: boolean;
  value?: string | string[];
  /** At most FORM_TEXT_MAX. */
  maxLength?: number;
  /** A number field that accepts decimals ("2,5"); whole numbers only when absent. */
  decimals?: boolean;
  options?: { value: string; label: string }[];
}

/** A form: a modal on Slack and Discord, a step-by-step conversation on Telegram, inline on the web chat. */
export interface Form {
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

/**
 * A file in a reply (an export, a chart). With `content`, each platform uploads the bytes natively
 * (Telegram document or photo, Slack file upload, Discord attachment, a download link on the web chat);
 * with only `url`, it is shown as a link.
 */
export interface FileRef {
  name: string;
  mediaType: string;
  url?: string;
  content?: Uint8Array;
}

/**
 * Emphasis over part of a reply's text, in UTF-16 code units (Telegram's message-entity model).
 * Entities are sorted by offset and never overlap another of the same kind.
 */
export interface TextEntity {
  kind: "bold" | "italic";
  offset: number;
  length: number;
}

/** A channel-neutral answer, already in the member's language; each adapter renders it natively. */
export interface Reply {
  text: string;
  /**
   * Optional emphasis over `text`. The text must read well without it: an adapter that cannot show
   * it (Slack, Discord, the web chat today) ignores it; Telegram sends it as message entities.
   */
  entities?: TextEntity[];
  choices?: Choice[];
  form?: Form;
  files?: FileRef[];
  /** `private`: only the member sees it (ephemeral, or a direct message where the platform has none). */
  visibility: "private" | "public";
}

/** Builds a private text reply, optionally with choices. */
export function say(text: string, choices?: Choice[]): Reply {
  return choices && choices.length > 0 ? { text, choices, visibility: "private" } : { text, visibility: "private" };
}
