import type { ChannelDriver, SeenReply } from "../../contract/driver.ts";
import { snowflake } from "./ids.ts";
import { componentInteraction, type FakePlace, type FakeUser, modalSubmit, slashCommand } from "./payloads.ts";
import type { FakeInteraction, FakeMessage } from "./rest.ts";
import type { FakeDiscord } from "./server.ts";

type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  value?: string;
  values?: string[];
  content?: string;
  options?: { label: string; value: string; default?: boolean }[];
  components?: Component[];
  component?: Component;
};

interface Seen {
  message: FakeMessage;
  interaction: FakeInteraction;
  place: FakePlace;
}

interface PersonState {
  user: FakeUser;
  dmChannelId: string;
  seen: Seen[];
  modal?: {
    customId: string;
    components: Component[];
    place: FakePlace;
    message?: Record<string, unknown> | undefined;
  };
  last?: { payload: Record<string, unknown>; record: FakeInteraction; place: FakePlace };
}

const flatten = (components: Component[]): Component[] =>
  components.flatMap((c) => [c, ...flatten(c.components ?? []), ...(c.component ? flatten([c.component]) : [])]);
const choicesOf = (components: Component[]) =>
  flatten(components).flatMap((c) =>
    c.type === 2 && c.label ? [c.label] : c.type === 3 && !c.component ? (c.options ?? []).map((o) => o.label) : [],
  );
const normalise = (word: string) => word.replace(/^\//, "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Plays people on Discord against the fake: slash commands, button presses, menu picks and modal
 * submissions become INTERACTION_CREATE events; what they see is read back from the callbacks,
 * edits and follow-ups the bot made. `handled(id)` resolves once the adapter finished an interaction.
 */
export function createDiscordDriver(
  fake: FakeDiscord,
  handled: (interactionId: string) => Promise<void>,
): ChannelDriver {
  const people = new Map<string, PersonState>();

  function person(name: string): PersonState {
    let state = people.get(name);
    if (!state) {
      state = {
        user: { id: snowflake(), username: name, globalName: name[0]!.toUpperCase() + name.slice(1), locale: "fr" },
        dmChannelId: snowflake(),
        seen: [],
      };
      people.set(name, state);
    }
    return state;
  }

  const placeOf = (state: PersonState, where: "private" | "group"): FakePlace =>
    where === "group" ? { guildId: fake.guildId, channelId: fake.channelId } : { channelId: state.dmChannelId };

  function messageObject(seen: Seen): Record<string, unknown> {
    const m = seen.message;
    return {
      id: m.id,
      type: 20,
      channel_id: seen.interaction.channelId,
      content: m.content,
      components: m.components,
      flags: m.flags,
      author: { id: fake.applicationId, username: "Réseau bot", discriminator: "0", avatar: null, bot: true },
      attachments: [],
      embeds: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }

  /** What the person saw from one interaction: its answer (or modal) and the follow-ups. */
  function seenFrom(state: PersonState, record: FakeInteraction, place: FakePlace): SeenReply[] {
    const replies: SeenReply[] = [];
    if (record.ack?.type === 9) {
      const data = record.ack.data as { custom_id: string; title: string; components: Component[] };
      state.modal = {
        customId: data.custom_id,
        components: data.components,
        place,
        message: record.payload.message as Record<string, unknown> | undefined,
      };
      const texts = data.components.filter((c) => c.type === 10).map((c) => c.content ?? "");
      replies.push({
        text: texts.join("\n"),
        choices: [],
        form: { title: data.title, fields: data.components.filter((c) => c.type === 18).map((c) => c.label ?? "") },
        private: true,
      });
    }
    const messages = [record.original, ...record.followUps].filter((m): m is FakeMessage =>
      Boolean(m && !m.deleted && (m.content || m.components.length)),
    );
    for (const message of messages) {
      state.seen.push({ message, interaction: record, place });
      replies.push({
        text: asShown(message.content),
        choices: choicesOf(message.components as Component[]),
        private: Boolean(message.flags & 64) || !place.guildId,
      });
    }
    return replies;
  }

  async function run(name: string, payload: Record<string, unknown>, place: FakePlace): Promise<SeenReply[]> {
    const state = person(name);
    const done = handled(String(payload.id));
    const record = fake.interact(payload);
    await done;
    state.last = { payload, record, place };
    return seenFrom(state, record, place);
  }

  function commandFor(word: string, where: "private" | "group") {
    const declared = (fake.rest.commands.get(where === "group" ? fake.guildId : "global") ?? []) as {
      id: string;
      name: string;
      name_localizations?: Record<string, string>;
    }[];
    const wanted = normalise(word);
    const command = declared.find(
      (c) => c.name === wanted || Object.values(c.name_localizations ?? {}).includes(wanted),
    );
    if (!command) throw new Error(`No slash command "${word}" declared for ${where} conversations`);
    return command;
  }

  return {
    platform: "discord",
    groupScopeId: fake.guildId,
    privateScopeId: "private",
    externalId: (name) => person(name).user.id,

    async send(name, text, where = "group") {
      const state = person(name);
      const [word = "", ...rest] = text.trim().split(/\s+/);
      const place = placeOf(state, where);
      return run(
        name,
        slashCommand(fake.applicationId, state.user, place, commandFor(word, where), rest.join(" ")),
        place,
      );
    },

    async press(name, label) {
      const state = person(name);
      for (const seen of [...state.seen].reverse()) {
        for (const c of flatten(seen.message.components as Component[])) {
          if (c.type === 2 && c.label === label) {
            return run(
              name,
              componentInteraction(fake.applicationId, state.user, seen.place, messageObject(seen), {
                customId: c.custom_id!,
                type: 2,
              }),
              seen.place,
            );
          }
          const option = c.type === 3 ? c.options?.find((o) => o.label === label) : undefined;
          if (option) {
            return run(
              name,
              componentInteraction(fake.applicationId, state.user, seen.place, messageObject(seen), {
                customId: c.custom_id!,
                type: 3,
                values: [option.value],
              }),
              seen.place,
            );
          }
        }
      }
      throw new Error(`${name} was offered no choice labelled "${label}"`);
    },

    async submitForm(name, values) {
      const state = person(name);
      const modal = state.modal;
      if (!modal) throw new Error(`No form was opened for ${name}`);
      const components = modal.components.flatMap((c): Component[] => {
        if (c.type !== 18 || !c.component) return [];
        const input = c.component;
        const typed = values[c.label ?? ""];
        if (input.type === 4)
          return [{ type: 18, component: { type: 4, custom_id: input.custom_id, value: typed ?? input.value ?? "" } }];
        const options = input.options ?? [];
        const chosen =
          typed !== undefined ? options.filter((o) => o.label === typed) : options.filter((o) => o.default);
        if (typed !== undefined && chosen.length === 0) throw new Error(`"${typed}" is not an option of "${c.label}"`);
        return [{ type: 18, component: { type: 3, custom_id: input.custom_id, values: chosen.map((o) => o.value) } }];
      });
      state.modal = undefined;
      return run(
        name,
        modalSubmit(fake.applicationId, state.user, modal.place, modal.customId, components, modal.message),
        modal.place,
      );
    },

    async redeliverLast(name) {
      const state = person(name);
      const last = state.last;
      if (!last) throw new Error(`${name} did nothing yet`);
      const { record } = last;
      const before = {
        followUps: record.followUps.length,
        refused: record.refused.length,
        original: record.original?.content,
      };
      const done = handled(String(last.payload.id));
      fake.redeliver(last.payload);
      await done;
      const replies: SeenReply[] = record.followUps.slice(before.followUps).map((m) => ({
        text: asShown(m.content),
        choices: choicesOf(m.components as Component[]),
        private: Boolean(m.flags & 64),
      }));
      if (record.original?.content !== before.original)
        replies.push({ text: asShown(record.original?.content ?? ""), choices: [], private: true });
      // A second answer to the same interaction is refused by Discord: it still counts as sent.
      for (const refused of record.refused.slice(before.refused))
        replies.push({ text: `(refused callback ${refused.code})`, choices: [], private: true });
      return replies;
    },

    async close() {},
  };
}

/** A message's content as Discord shows it: a backslash before a Markdown character shows that character alone. */
export function asShown(content: string): string {
  return content.replace(/\\([\\*_~`|#>[\]().-])/g, "$1");
}
