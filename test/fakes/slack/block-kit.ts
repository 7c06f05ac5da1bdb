// Block Kit as Slack validates it. Slack publishes no machine-readable schema for blocks: each limit
// below is taken from its reference page (https://docs.slack.dev/reference/block-kit/...), quoted
// where it is checked; python-slack-sdk (slack_sdk/models/blocks) enforces the same numbers.
import { z } from "zod";

const id255 = z.string().min(1).max(255); // "Maximum length for this field is 255 characters." (action_id, block_id)
/** composition-objects/text-object: "text ... minimum 1 and maximum 3000 characters" unless the holder says less. */
const plain = (max: number) =>
  z.strictObject({ type: z.literal("plain_text"), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwn = (max: number) =>
  z.strictObject({ type: z.literal("mrkdwn"), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const anyText = (max: number) => z.union([plain(max), mrkdwn(max)]);

/** composition-objects/option-object: text ≤75, value ≤150 ("Maximum length for this field is 150 characters"), description ≤75. */
const option = z.strictObject({
  text: plain(75),
  value: z.string().min(1).max(150),
  description: plain(75).optional(),
  url: z.string().max(3000).optional(),
});
const confirm = z.strictObject({
  title: plain(100),
  text: anyText(300),
  confirm: plain(30),
  deny: plain(30),
  style: z.enum(["primary", "danger"]).optional(),
});

/** block-elements/button-element: text ≤75, value ≤2000, url ≤3000, style primary|danger. */
const button = z.strictObject({
  type: z.literal("button"),
  text: plain(75),
  action_id: id255.optional(),
  url: z.string().max(3000).optional(),
  value: z.string().max(2000).optional(),
  style: z.enum(["primary", "danger"]).optional(),
  confirm: confirm.optional(),
  accessibility_label: z.string().max(75).optional(),
});
const selectCommon = {
  action_id: id255.optional(),
  confirm: confirm.optional(),
  focus_on_load: z.boolean().optional(),
  placeholder: plain(150).optional(),
};
/** block-elements/select-menu-element: "Maximum number of options is 100." */
const staticSelect = z.strictObject({
  type: z.literal("static_select"),
  options: z.array(option).min(1).max(100),
  initial_option: option.optional(),
  ...selectCommon,
});
/** block-elements/multi-select-menu-element: up to 100 options, max_selected_items ≥ 1. */
const multiStaticSelect = z.strictObject({
  type: z.literal("multi_static_select"),
  options: z.array(option).min(1).max(100),
  initial_options: z.array(option).optional(),
  max_selected_items: z.int().min(1).optional(),
  ...selectCommon,
});
/** block-elements/plain-text-input-element: min_length 0–3000, max_length 1–3000, placeholder ≤150. */
const plainTextInput = z.strictObject({
  type: z.literal("plain_text_input"),
  action_id: id255.optional(),
  initial_value: z.string().optional(),
  multiline: z.boolean().optional(),
  min_length: z.int().min(0).max(3000).optional(),
  max_length: z.int().min(1).max(3000).optional(),
  dispatch_action_config: z.object({}).passthrough().optional(),
  focus_on_load: z.boolean().optional(),
  placeholder: plain(150).optional(),
});
/** block-elements/number-input-element: is_decimal_allowed is required; values are numbers written as strings. */
const numberInput = z.strictObject({
  type: z.literal("number_input"),
  is_decimal_allowed: z.boolean(),
  action_id: id255.optional(),
  initial_value: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .optional(),
  min_value: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .optional(),
  max_value: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .optional(),
  dispatch_action_config: z.object({}).passthrough().optional(),
  focus_on_load: z.boolean().optional(),
  placeholder: plain(150).optional(),
});
/** block-elements/date-picker-element: initial_date "YYYY-MM-DD". */
const datePicker = z.strictObject({
  type: z.literal("datepicker"),
  initial_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  ...selectCommon,
});

/** blocks/section-block: text ≤3000, up to 10 fields of ≤2000, text or fields required. */
const section = z
  .strictObject({
    type: z.literal("section"),
    text: anyText(3000).optional(),
    block_id: id255.optional(),
    fields: z.array(anyText(2000)).max(10).optional(),
    accessory: z.union([button, staticSelect, datePicker]).optional(),
    expand: z.boolean().optional(),
  })
  .refine((s) => s.text !== undefined || (s.fields?.length ?? 0) > 0, "a section needs text or fields");
/** blocks/actions-block: "An array of interactive element objects ... There is a maximum of 25 elements in each action block." */
const actions = z.strictObject({
  type: z.literal("actions"),
  elements: z
    .array(z.discriminatedUnion("type", [button, staticSelect, multiStaticSelect, datePicker]))
    .min(1)
    .max(25),
  block_id: id255.optional(),
});
/** blocks/input-block: label ≤2000, hint ≤2000, one element. */
const input = z.strictObject({
  type: z.literal("input"),
  label: plain(2000),
  element: z.discriminatedUnion("type", [plainTextInput, numberInput, staticSelect, multiStaticSelect, datePicker]),
  dispatch_action: z.boolean().optional(),
  block_id: id255.optional(),
  hint: plain(2000).optional(),
  optional: z.boolean().optional(),
});
const divider = z.strictObject({ type: z.literal("divider"), block_id: id255.optional() });
/** blocks/header-block: plain text ≤150. */
const header = z.strictObject({ type: z.literal("header"), text: plain(150), block_id: id255.optional() });
/** blocks/context-block: 1–10 elements. */
const context = z.strictObject({
  type: z.literal("context"),
  elements: z.array(anyText(3000)).min(1).max(10),
  block_id: id255.optional(),
});

const block = z.discriminatedUnion("type", [section, actions, input, divider, header, context]);

/** block-kit/blocks: "up to 50 blocks in each message, and 100 blocks in modals or Home tabs". */
export const messageBlocksSchema = z.array(block).max(50);
const viewBlocks = z.array(block).max(100);

/** views/modal-views: title, submit and close ≤24, private_metadata ≤3000, callback_id ≤255; submit needed with input blocks. */
export const modalSchema = z
  .strictObject({
    type: z.literal("modal"),
    title: plain(24),
    blocks: viewBlocks,
    close: plain(24).optional(),
    submit: plain(24).optional(),
    private_metadata: z.string().max(3000).optional(),
    callback_id: id255.optional(),
    clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(),
    external_id: z.string().optional(),
    submit_disabled: z.boolean().optional(),
  })
  .refine((v) => v.submit !== undefined || !v.blocks.some((b) => b.type === "input"), {
    message: "a modal with input blocks needs submit",
    path: ["submit"],
  });
/** views/home-tab-views (the same view object with type home). */
export const homeSchema = z.strictObject({
  type: z.literal("home"),
  blocks: viewBlocks,
  private_metadata: z.string().max(3000).optional(),
  callback_id: id255.optional(),
  external_id: z.string().optional(),
});

/**
 * Slack's messages for what a schema refuses, in its own form: "[ERROR] <why> [json-pointer:/path]".
 * Also refuses an action_id used twice in one block, or a block_id twice in one message or view.
 */
export function blockKitErrors(schema: z.ZodType, value: unknown, root: string): string[] {
  const parsed = schema.safeParse(value);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => `[ERROR] ${i.message} [json-pointer:${root}/${i.path.join("/")}]`);
  const blocks = (Array.isArray(value) ? value : ((value as { blocks?: unknown[] } | undefined)?.blocks ?? [])) as {
    block_id?: string;
    elements?: { action_id?: string }[];
  }[];
  const blockIds = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(blockIds).size !== blockIds.length) errors.push(`[ERROR] duplicate block_id [json-pointer:${root}]`);
  for (const [i, b] of blocks.entries()) {
    const actionIds = (b.elements ?? []).map((e) => e.action_id).filter(Boolean);
    if (new Set(actionIds).size !== actionIds.length)
      errors.push(`[ERROR] duplicate action_id [json-pointer:${root}/${i}/elements]`);
  }
  return errors;
}
