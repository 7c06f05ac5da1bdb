import { randomBytes } from "node:crypto";
import type { Form } from "../../core/reply.ts";
import { clip } from "../text.ts";

/** Fields per page: a Discord modal holds five components. */
export const PAGE_FIELDS = 5;
/** How long a form filled page by page waits for its next page. */
export const PAGED_FORM_TTL_MS = 30 * 60_000;

/** Custom ids: a page's modal `discord.page:<token>:<page>[:<form id>]`, and the buttons after a page. */
const PAGE_PREFIX = "discord.page:";
const NEXT_PREFIX = "discord.next:";
const SEND_PREFIX = "discord.send:";
const CUSTOM_ID_MAX = 100;
const TITLE_MAX = 45;

export type FormValues = Record<string, string | string[]>;

/** A form being filled page by page by one member. */
export interface PagedForm {
  /** Random, in every custom id of this form: two forms in flight never mix. */
  token: string;
  userId: string;
  form: Form;
  /** Values of the pages submitted so far, by field name. */
  values: FormValues;
  expiresAt: number;
  /** Sent to the core: later pages or presses of this form are answered as expired. */
  done: boolean;
  /** Interactions already answered for it: one replayed by a resumed gateway is ignored. */
  handled: Set<string>;
}

/** What a page's modal or a button after a page asks for (pages count from 0). */
export type PageAction =
  | { kind: "page"; token: string; page: number; formId: string }
  | { kind: "next"; token: string; page: number }
  | { kind: "send"; token: string };

export const pageCount = (form: Form): number => Math.ceil(form.fields.length / PAGE_FIELDS);

/** The modal's custom id; the form id goes in when it fits in Discord's 100 characters. */
function pageModalId(p: PagedForm, page: number): string {
  const id = `${PAGE_PREFIX}${p.token}:${page}`;
  const withForm = `${id}:${p.form.id}`;
  return withForm.length <= CUSTOM_ID_MAX ? withForm : id;
}

export const nextPageId = (p: PagedForm, page: number): string => `${NEXT_PREFIX}${p.token}:${page}`;
export const sendNowId = (p: PagedForm): string => `${SEND_PREFIX}${p.token}`;

/** The action behind a custom id, or undefined when it is not one of a paged form. */
export function pageAction(customId: string): PageAction | undefined {
  if (customId.startsWith(SEND_PREFIX)) return { kind: "send", token: customId.slice(SEND_PREFIX.length) };
  const prefix = [PAGE_PREFIX, NEXT_PREFIX].find((p) => customId.startsWith(p));
  if (!prefix) return undefined;
  const [token = "", page = "", ...formId] = customId.slice(prefix.length).split(":");
  if (!token || !/^\d{1,2}$/.test(page)) return undefined;
  return prefix === PAGE_PREFIX
    ? { kind: "page", token, page: Number(page), formId: formId.join(":") }
    : { kind: "next", token, page: Number(page) };
}

/** Page `page` as a form of its own, titled "Title (2/3)", showing the values typed so far. */
export function pageForm(p: PagedForm, page: number): Form {
  const suffix = ` (${page + 1}/${pageCount(p.form)})`;
  const fields = p.form.fields
    .slice(page * PAGE_FIELDS, (page + 1) * PAGE_FIELDS)
    .map((f) => (p.values[f.name] !== undefined ? { ...f, value: p.values[f.name] } : f));
  return {
    ...p.form,
    id: pageModalId(p, page),
    title: `${clip(p.form.title, TITLE_MAX - suffix.length)}${suffix}`,
    fields,
  };
}

/** The whole form's values, as one modal would give them: those typed, and the pre-filled values of the others. */
export function mergedValues(p: PagedForm): FormValues {
  const values: FormValues = {};
  for (const field of p.form.fields) if (field.value !== undefined) values[field.name] = field.value;
  return { ...values, ...p.values };
}

/**
 * The forms members are filling page by page, by token (checked against the member and the form
 * id). In memory, for 30 minutes: a page lost on a restart costs the member retyping at most five
 * fields, and the core never sees half a form, since only the last page (or "Send now") reaches it.
 */
export class FormPages {
  readonly #forms = new Map<string, PagedForm>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(now: () => number = Date.now, ttlMs = PAGED_FORM_TTL_MS, max = 5000) {
    this.#now = now;
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  /** Minutes a form waits, for the sentence that says it expired. */
  get ttlMinutes(): number {
    return Math.round(this.#ttlMs / 60_000);
  }

  start(userId: string, form: Form): PagedForm {
    this.#sweep();
    const p: PagedForm = {
      token: randomBytes(6).toString("base64url"),
      userId,
      form,
      values: {},
      expiresAt: this.#now() + this.#ttlMs,
      done: false,
      handled: new Set(),
    };
    this.#forms.set(p.token, p);
    if (this.#forms.size > this.#max) this.#forms.delete(this.#forms.keys().next().value!);
    return p;
  }

  /** This member's form behind `token` (and `formId` when the custom id carries it), unless it expired. */
  find(userId: string, token: string, formId = ""): PagedForm | undefined {
    const p = this.#forms.get(token);
    if (p && p.expiresAt <= this.#now()) this.#forms.delete(token);
    else if (p && p.userId === userId && (formId === "" || formId === p.form.id)) return p;
    return undefined;
  }

  /** Each page submitted keeps the form open for another full period. */
  touch(p: PagedForm): void {
    p.expiresAt = this.#now() + this.#ttlMs;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, p] of this.#forms) if (p.expiresAt <= now) this.#forms.delete(token);
  }
}
