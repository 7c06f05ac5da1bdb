import type { types } from "@slack/bolt";
import type { Choice, Form, FormField, Reply } from "../../core/reply.ts";
import { clip, splitText } from "../text.ts";
import { decodeOption, encodeOption } from "./option-values.ts";

// Block Kit limits (api.slack.com/reference/block-kit): past them Slack refuses the whole message.
const SECTION_CHARS = 3000;
const BUTTONS_PER_BLOCK = 25;
const OPTIONS_PER_SELECT = 100;
const LABEL_CHARS = 75;
const MESSAGE_BLOCKS = 50;
const VIEW_BLOCKS = 100;
const TITLE_CHARS = 24;

/** action_id of the menus that replace buttons when a reply offers more than 25 choices. */
export const CHOICE_MENU = "choice-menu";

const plain = (text: string, max = SECTION_CHARS): types.PlainTextElement => ({
  type: "plain_text",
  text: clip(text || " ", max),
  emoji: true,
});

/** Escapes what Slack's mrkdwn reads as mentions or links (`<@U…>`, `<!channel>`, `&`). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * A reply as message blocks. Text goes in plain_text sections, so nothing a member typed (a name,
 * an organisation) can become formatting, a link or a mention.
 */
export function messageBlocks(reply: Reply, maxBlocks = MESSAGE_BLOCKS): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = textChunks(reply.text).map((chunk) => ({ type: "section", text: plain(chunk) }));
  for (const file of reply.files ?? []) {
    // A file with bytes is uploaded beside the message (files.ts); only a url-only file is a link here.
    if (!file.url || file.content) continue;
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `<${escapeMrkdwn(file.url).replaceAll("|", "%7C")}|${escapeMrkdwn(clip(file.name, 200))}>`,
      },
    });
  }
  blocks.push(...choiceBlocks(reply.choices ?? []));
  return blocks.slice(0, maxBlocks);
}

/** Up to 25 choices are buttons; more become menus of up to 100 entries each. */
function choiceBlocks(choices: Choice[]): types.KnownBlock[] {
  const unique = [...new Map(choices.map((c) => [c.id, c])).values()];
  if (unique.length === 0) return [];
  if (unique.length <= BUTTONS_PER_BLOCK) {
    return [
      {
        type: "actions",
        elements: unique.map((c) => ({
          type: "button",
          action_id: c.id,
          value: c.id,
          text: plain(c.label, LABEL_CHARS),
          ...(c.style ? { style: c.style } : {}),
        })),
      },
    ];
  }
  const menus: types.StaticSelect[] = [];
  for (let i = 0; i < unique.length; i += OPTIONS_PER_SELECT) {
    const options = unique
      .slice(i, i + OPTIONS_PER_SELECT)
      .map((c) => ({ text: plain(c.label, LABEL_CHARS), value: encodeOption(c.id) }));
    menus.push({ type: "static_select", action_id: `${CHOICE_MENU}-${i / OPTIONS_PER_SELECT}`, options });
  }
  return [{ type: "actions", elements: menus.slice(0, BUTTONS_PER_BLOCK) }];
}

/** Splits at line ends so each section stays under Slack's 3000 characters. */
/** Section-sized pieces of a text; nothing is cut off. */
function textChunks(text: string): string[] {
  return splitText(text, SECTION_CHARS).filter((chunk) => chunk.trim());
}

/** Whether the reply needs a message at all: text, choices or links (a reply may be only uploaded files). */
export function hasMessage(reply: Reply): boolean {
  return Boolean(reply.text.trim() || reply.choices?.length || reply.files?.some((file) => file.url && !file.content));
}

/** The notification text shown beside the blocks (and to screen readers). */
export function fallbackText(reply: Reply): string {
  return escapeMrkdwn(clip(reply.text || reply.form?.title || " ", 3000));
}

/** A reply as chat.postMessage's `text` (the notification) and `blocks`: answers and deliveries alike. */
export function messagePayload(reply: Reply): { text: string; blocks: types.KnownBlock[] } {
  return { text: fallbackText(reply), blocks: messageBlocks(reply) };
}

/** A form as a modal: one input block per field, block_id and action_id both the field name. */
export function formModal(reply: Reply & { form: Form }, privateMetadata: string): types.ModalView {
  const intro: types.KnownBlock[] = reply.text
    ? textChunks(reply.text).map((chunk) => ({ type: "section", text: plain(chunk) }))
    : [];
  return {
    type: "modal",
    callback_id: "form",
    private_metadata: privateMetadata,
    title: plain(reply.form.title, TITLE_CHARS),
    submit: plain(reply.form.submitLabel, TITLE_CHARS),
    blocks: [...intro, ...reply.form.fields.map(inputBlock)].slice(0, VIEW_BLOCKS),
  };
}

function inputBlock(field: FormField): types.InputBlock {
  return {
    type: "input",
    block_id: field.name,
    optional: !field.required,
    label: plain(field.label, 2000),
    element: inputElement(field),
  };
}

function inputElement(field: FormField): types.InputBlockElement {
  const id = field.name;
  const single = typeof field.value === "string" ? field.value : undefined;
  const options = (field.options ?? [])
    .slice(0, OPTIONS_PER_SELECT)
    .map((o) => ({ text: plain(o.label, LABEL_CHARS), value: encodeOption(o.value) }));
  const initial = (values: string[]) => options.filter((o) => values.includes(decodeOption(o.value)));
  switch (field.type) {
    case "select": {
      const [chosen] = initial(single === undefined ? [] : [single]);
      return { type: "static_select", action_id: id, options, ...(chosen ? { initial_option: chosen } : {}) };
    }
    case "multiselect": {
      const chosen = initial(Array.isArray(field.value) ? field.value : single ? [single] : []);
      return {
        type: "multi_static_select",
        action_id: id,
        options,
        ...(chosen.length ? { initial_options: chosen } : {}),
      };
    }
    case "number": {
      // Slack's number_input reads decimals with a point; the core accepts "2,5" as French write it.
      const initialValue = single?.trim().replace(",", ".");
      const valid = initialValue !== undefined && (field.decimals ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(initialValue);
      return {
        type: "number_input",
        action_id: id,
        is_decimal_allowed: Boolean(field.decimals),
        ...(valid ? { initial_value: initialValue } : {}),
      };
    }
    case "date":
      return {
        type: "datepicker",
        action_id: id,
        ...(single && /^\d{4}-\d{2}-\d{2}$/.test(single) ? { initial_date: single } : {}),
      };
    default:
      return {
        type: "plain_text_input",
        action_id: id,
        multiline: field.type === "textarea",
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(single ? { initial_value: single } : {}),
      };
  }
}

/** The App Home tab: the replies one under the other, separated by dividers. */
export function homeView(replies: Reply[]): types.HomeView {
  const blocks = replies.flatMap((r, i) => [
    ...(i > 0 ? [{ type: "divider" } as const] : []),
    ...messageBlocks(r, VIEW_BLOCKS),
  ]);
  return { type: "home", blocks: blocks.slice(0, VIEW_BLOCKS) };
}
