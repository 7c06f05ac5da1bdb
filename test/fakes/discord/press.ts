import type { ChannelMessage } from "./channels.ts";
import type { DiscordHarness } from "./harness.ts";
import { componentInteraction, type FakeUser } from "./payloads.ts";
import type { FakeInteraction } from "./rest.ts";

type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  options?: { label: string; value: string }[];
  components?: Component[];
};

const flatten = (components: Component[]): Component[] =>
  components.flatMap((c) => [c, ...flatten(c.components ?? [])]);

/** The labels of the buttons and menu entries of a message, as a member sees them. */
export function choiceLabels(message: ChannelMessage): string[] {
  return flatten(message.components as Component[]).flatMap((c) =>
    c.type === 2 && c.label ? [c.label] : c.type === 3 ? (c.options ?? []).map((o) => o.label) : [],
  );
}

/**
 * `user` presses the button (or picks the menu entry) labelled `label` on a message the bot posted
 * on its own initiative, possibly long after: an INTERACTION_CREATE from the guild channel or the
 * DM the message is in. Resolves once the adapter answered, with what it answered.
 */
export async function pressOnMessage(
  harness: DiscordHarness,
  user: FakeUser,
  message: ChannelMessage,
  label: string,
): Promise<FakeInteraction> {
  const { fake } = harness;
  const place =
    message.channelId === fake.channelId
      ? { guildId: fake.guildId, channelId: fake.channelId }
      : { channelId: message.channelId };
  const messageObject = fake.rest.channels.messageObject(message);
  for (const c of flatten(message.components as Component[])) {
    const option = c.type === 3 ? c.options?.find((o) => o.label === label) : undefined;
    if (!(c.type === 2 && c.label === label) && !option) continue;
    const payload = componentInteraction(
      fake.applicationId,
      user,
      place,
      messageObject,
      option ? { customId: c.custom_id!, type: 3, values: [option.value] } : { customId: c.custom_id!, type: 2 },
    );
    const done = harness.handled(String(payload.id));
    const record = fake.interact(payload);
    await done;
    return record;
  }
  throw new Error(`The message offers no choice labelled "${label}"`);
}
