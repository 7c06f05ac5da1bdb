import { randomUUID } from "node:crypto";
import type { Dispatch } from "../../../src/core/dispatch.ts";
import type { ChannelDriver, SeenReply } from "../../contract/driver.ts";
import { type SlackHarness, startSlackHarness } from "./harness.ts";
import {
  blockAction,
  directMessage,
  type Person,
  type PressedIn,
  type SlackRequest,
  slashCommand,
  TEAM_ID,
  viewSubmission,
} from "./requests.ts";
import type { SlackCall } from "./server.ts";

type Json = Record<string, any>;
const GROUP = { channelId: "C0GENERAL", channelName: "general" };

/** A message the bot showed a person, with its elements, to press later. */
interface Shown {
  where: PressedIn;
  blocks: Json[];
}

interface PersonState {
  shown: Shown[];
  modal?: Json;
  last?: SlackRequest;
  /** The conversation of the person's last action: where hook answers appear. */
  channelId: string;
}

/** Persons of the contract suite as Slack users of team T0TEST; group talk is `/reseau` in #general. */
export async function startSlackDriver(dispatch: Dispatch): Promise<ChannelDriver & { harness: SlackHarness }> {
  const harness = await startSlackHarness(dispatch);
  const people = new Map<string, PersonState>();
  const userOf = (person: string): Person => ({
    userId: `U${person.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
    name: person,
  });
  const imOf = (person: string) => `D${userOf(person).userId.slice(1)}`;
  const state = (person: string) => {
    if (!people.has(person))
      harness.fake.addUser(userOf(person).userId, {
        realName: person[0]!.toUpperCase() + person.slice(1),
        locale: "fr-FR",
      });
    return people.get(person) ?? people.set(person, { shown: [], channelId: GROUP.channelId }).get(person)!;
  };

  /** Sends the request, waits until the adapter has answered, and reads what Slack showed. */
  async function exchange(
    person: string,
    request: SlackRequest,
    headers?: Record<string, string>,
  ): Promise<SeenReply[]> {
    const mark = harness.fake.calls.length;
    const response = await harness.post(request, headers ? { headers } : {});
    if (response.status !== 200) throw new Error(`Slack would see HTTP ${response.status}: ${response.body}`);
    await new Promise((resolve) => setImmediate(resolve));
    await harness.adapter.idle();
    return harness.fake.calls.slice(mark).flatMap((call) => seen(person, call));
  }

  function seen(person: string, call: SlackCall): SeenReply[] {
    if (call.status !== 200 || call.error) return [];
    const s = state(person);
    const body = call.body as Json;
    const ts = `${(Date.now() / 1000).toFixed(6)}`;
    if (call.method === "views.open") {
      s.modal = body.view;
      const blocks = (body.view.blocks ?? []) as Json[];
      return [
        {
          text: sectionText(blocks),
          choices: [],
          form: {
            title: body.view.title.text,
            fields: blocks.filter((b) => b.type === "input").map((b) => b.label.text),
          },
          private: true,
        },
      ];
    }
    let where: PressedIn;
    let isPrivate: boolean;
    if (call.method === "response_url") {
      where = { channelId: s.channelId, messageTs: ts, ephemeral: body.response_type !== "in_channel" };
      isPrivate = where.ephemeral;
    } else if (call.method === "chat.postEphemeral") {
      where = { channelId: body.channel, messageTs: ts, ephemeral: true };
      isPrivate = true;
    } else if (call.method === "chat.postMessage") {
      const channelId = String(body.channel).startsWith("U") ? imOf(person) : body.channel;
      where = { channelId, messageTs: ts, ephemeral: false };
      isPrivate = channelId.startsWith("D");
    } else return [];
    const blocks = (body.blocks ?? []) as Json[];
    s.shown.push({ where, blocks });
    return [
      {
        text: blocks.length ? sectionText(blocks) : String(body.text ?? ""),
        choices: elementsOf(blocks).flatMap(labelsOf),
        private: isPrivate,
      },
    ];
  }

  async function act(person: string, request: SlackRequest, channelId?: string): Promise<SeenReply[]> {
    const s = state(person);
    s.last = request;
    if (channelId) s.channelId = channelId;
    return exchange(person, request);
  }

  return {
    platform: "slack",
    groupScopeId: TEAM_ID,
    privateScopeId: TEAM_ID,
    harness,
    externalId: (person) => `${TEAM_ID}:${userOf(person).userId}`,
    send(person, text, where = "group") {
      state(person);
      const request =
        where === "group"
          ? slashCommand(userOf(person), text, GROUP, harness.fake.newResponseUrl())
          : directMessage(userOf(person), text, imOf(person));
      return act(person, request, where === "group" ? GROUP.channelId : imOf(person));
    },
    async press(person, label) {
      const s = state(person);
      for (const shown of [...s.shown].reverse()) {
        for (const [i, block] of shown.blocks.entries()) {
          if (block.type !== "actions") continue;
          for (const element of block.elements as Json[]) {
            const blockId = block.block_id ?? `b${i}`;
            if (element.type === "button" && element.text.text === label) {
              const action = {
                type: "button",
                action_id: element.action_id,
                block_id: blockId,
                value: element.value,
                text: element.text,
              };
              return act(
                person,
                blockAction(userOf(person), shown.where, action, harness.fake.newResponseUrl()),
                shown.where.channelId,
              );
            }
            const option =
              element.type === "static_select"
                ? (element.options as Json[]).find((o) => o.text.text === label)
                : undefined;
            if (option) {
              const action = {
                type: "static_select",
                action_id: element.action_id,
                block_id: blockId,
                selected_option: option,
              };
              return act(
                person,
                blockAction(userOf(person), shown.where, action, harness.fake.newResponseUrl()),
                shown.where.channelId,
              );
            }
          }
        }
      }
      throw new Error(`${person} sees no button or menu entry labelled "${label}"`);
    },
    async submitForm(person, values) {
      const modal = state(person).modal;
      if (!modal) throw new Error(`${person} has no open form`);
      const stateValues: Record<string, Record<string, object>> = {};
      for (const block of (modal.blocks as Json[]).filter((b) => b.type === "input")) {
        stateValues[block.block_id] = {
          [block.element.action_id]: fieldState(block.element, values[block.label.text]),
        };
      }
      const view = {
        id: `V${randomUUID().slice(0, 8)}`,
        callback_id: modal.callback_id,
        private_metadata: modal.private_metadata,
      };
      return act(person, viewSubmission(userOf(person), view, stateValues));
    },
    async redeliverLast(person) {
      const last = state(person).last;
      if (!last) throw new Error(`${person} sent nothing yet`);
      return exchange(person, last, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    },
    close: () => harness.close(),
  };
}

const sectionText = (blocks: Json[]) =>
  blocks
    .filter((b) => b.type === "section" && b.text?.type === "plain_text")
    .map((b) => b.text.text)
    .join("\n");
const elementsOf = (blocks: Json[]) => blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);
const labelsOf = (element: Json): string[] =>
  element.type === "button" ? [element.text.text] : ((element.options ?? []) as Json[]).map((o) => o.text.text);

/** The state Slack reports for one input: what the person typed or picked, else what was filled in. */
function fieldState(element: Json, given: string | undefined): object {
  const options = (element.options ?? []) as Json[];
  const pick = (label: string) => options.find((o) => o.text.text === label || o.value === label);
  switch (element.type) {
    case "static_select":
      return {
        type: element.type,
        selected_option: given !== undefined ? (pick(given) ?? null) : (element.initial_option ?? null),
      };
    case "multi_static_select":
      return {
        type: element.type,
        selected_options:
          given !== undefined
            ? given
                .split(",")
                .map((g) => pick(g.trim()))
                .filter(Boolean)
            : (element.initial_options ?? []),
      };
    case "datepicker":
      return { type: element.type, selected_date: given ?? element.initial_date ?? null };
    default:
      return { type: element.type, value: given ?? element.initial_value ?? null };
  }
}
