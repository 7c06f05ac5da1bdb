import { describe, expect, it } from "vitest";
import { openApiRefusal } from "../fakes/discord/openapi.ts";
import { slackRefusal } from "../fakes/slack/spec.ts";
import { specRefusal } from "../fakes/telegram/spec.ts";

const input = (element: object) => ({
  type: "input",
  block_id: "f",
  label: { type: "plain_text", text: "Champ" },
  element,
});
const modal = (element: object) => ({
  trigger_id: "t",
  view: {
    type: "modal",
    title: { type: "plain_text", text: "Formulaire" },
    submit: { type: "plain_text", text: "OK" },
    blocks: [input(element)],
  },
});

describe("the fake platforms refuse what the real ones refuse, from their specifications", () => {
  it("Slack: a text input of max_length 4000, an option value over 150 characters, a number input without is_decimal_allowed", () => {
    expect(
      slackRefusal("views.open", modal({ type: "plain_text_input", action_id: "a", max_length: 4000 })),
    ).toMatchObject({ error: "invalid_arguments" });
    expect(
      slackRefusal("views.open", modal({ type: "plain_text_input", action_id: "a", max_length: 3000 })),
    ).toBeUndefined();
    const option = (value: string) => ({ text: { type: "plain_text", text: "x" }, value });
    expect(
      slackRefusal("views.open", modal({ type: "static_select", action_id: "a", options: [option("v".repeat(151))] })),
    ).toMatchObject({ error: "invalid_arguments" });
    expect(slackRefusal("views.open", modal({ type: "number_input", action_id: "a" }))).toMatchObject({
      error: "invalid_arguments",
    });
    expect(slackRefusal("chat.postMessage", { text: "hi" })).toMatchObject({
      error: "invalid_arguments",
      messages: ["[ERROR] missing required field: channel"],
    });
    expect(slackRefusal("chat.postMesage", { channel: "C1", text: "hi" })).toEqual({
      error: "unknown_method",
      messages: [],
    });
  });

  it("Telegram: text over 4096, callback_data over 64 bytes, a document by URL is left to the server's own rule", () => {
    expect(specRefusal("sendMessage", { chat_id: 1, text: "x".repeat(4097) })).toMatch(
      /text must be 1-4096 characters/,
    );
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "OK", callback_data: data }]] });
    expect(specRefusal("sendMessage", { chat_id: 1, text: "hi", reply_markup: keyboard("é".repeat(33)) })).toMatch(
      /callback_data must be 1-64 bytes/,
    );
    expect(specRefusal("sendMessage", { chat_id: 1, text: "hi", reply_markup: keyboard("ok") })).toBeUndefined();
    expect(specRefusal("sendMessage", { text: "hi" })).toBe('Bad Request: parameter "chat_id" is required');
    expect(specRefusal("sendDocument", { chat_id: "1", document: "attach://f", caption: "c".repeat(1025) })).toMatch(
      /caption must be 0-1024/,
    );
  });

  it("Discord: a custom_id over 100 characters, more than 25 options, a modal label over 45", () => {
    const button = (customId: string) => ({
      content: "hi",
      components: [{ type: 1, components: [{ type: 2, style: 1, label: "OK", custom_id: customId }] }],
    });
    expect(openApiRefusal("POST", "/channels/1/messages", button("x".repeat(101)))).toMatchObject({
      status: 400,
      errors: { components: { 0: { components: { 0: { custom_id: {} } } } } },
    });
    expect(openApiRefusal("POST", "/channels/1/messages", button("x".repeat(100)))).toBeUndefined();
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` }));
    expect(
      openApiRefusal("POST", "/channels/1/messages", {
        components: [{ type: 1, components: [{ type: 3, custom_id: "m", options }] }],
      }),
    ).toMatchObject({ status: 400 });
    const modalWith = (label: string) => ({
      type: 9,
      data: {
        custom_id: "f",
        title: "T",
        components: [{ type: 18, label, component: { type: 4, custom_id: "a", style: 1 } }],
      },
    });
    expect(openApiRefusal("POST", "/interactions/1/tok/callback", modalWith("L".repeat(46)))).toMatchObject({
      status: 400,
    });
    expect(openApiRefusal("POST", "/interactions/1/tok/callback", modalWith("L".repeat(45)))).toBeUndefined();
    expect(openApiRefusal("POST", "/channels/1/nothing", {})).toMatchObject({ status: 404 });
  });
});
