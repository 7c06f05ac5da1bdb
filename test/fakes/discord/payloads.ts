import { interactionToken, snowflake } from "./ids.ts";

/** A Discord account the fake makes interactions for. */
export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  locale: string;
}

/** Where an interaction happens: a text channel of a guild, or a direct message with the bot. */
export interface FakePlace {
  guildId?: string | undefined;
  channelId: string;
}

const APP_PERMISSIONS = "2248473465835073";

export function userObject(u: FakeUser): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    global_name: u.globalName,
    discriminator: "0",
    avatar: null,
    public_flags: 0,
    flags: 0,
  };
}

/** GUILD_CREATE as Discord sends it for a guild the bot is in (the fields discord.js reads). */
export function guildObject(guildId: string, channelId: string, ownerId: string): Record<string, unknown> {
  return {
    id: guildId,
    name: "Réseau des partenaires",
    icon: null,
    owner_id: ownerId,
    features: [],
    preferred_locale: "fr",
    large: false,
    unavailable: false,
    member_count: 3,
    joined_at: new Date().toISOString(),
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    roles: [
      {
        id: guildId,
        name: "@everyone",
        permissions: "1071698660929",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [
      {
        id: channelId,
        type: 0,
        name: "général",
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        flags: 0,
      },
    ],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The envelope every interaction shares: ids, token, who, where, locale. */
export function interactionBase(
  applicationId: string,
  type: number,
  user: FakeUser,
  place: FakePlace,
): Record<string, unknown> {
  const common = {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: interactionToken(),
    version: 1,
    locale: user.locale,
    app_permissions: APP_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: place.channelId,
  };
  if (place.guildId) {
    return {
      ...common,
      guild_id: place.guildId,
      guild: { id: place.guildId, locale: "fr", features: [] },
      guild_locale: "fr",
      context: 0,
      authorizing_integration_owners: { "0": place.guildId },
      channel: {
        id: place.channelId,
        type: 0,
        guild_id: place.guildId,
        name: "général",
        position: 0,
        flags: 0,
        parent_id: null,
        nsfw: false,
        permissions: APP_PERMISSIONS,
      },
      member: {
        user: userObject(user),
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
        permissions: "1071698660929",
      },
    };
  }
  return {
    ...common,
    context: 1,
    authorizing_integration_owners: { "0": "0" },
    channel: { id: place.channelId, type: 1, flags: 0, last_message_id: null, recipients: [userObject(user)] },
    user: userObject(user),
  };
}

/** APPLICATION_COMMAND (type 2): a slash command with its optional `texte` option. */
export function slashCommand(
  applicationId: string,
  user: FakeUser,
  place: FakePlace,
  command: { id: string; name: string },
  text: string,
): Record<string, unknown> {
  const options = text ? [{ name: "texte", type: 3, value: text }] : [];
  return {
    ...interactionBase(applicationId, 2, user, place),
    data: {
      id: command.id,
      name: command.name,
      type: 1,
      options,
      ...(place.guildId ? { guild_id: place.guildId } : {}),
    },
  };
}

/** MESSAGE_COMPONENT (type 3): a button (component_type 2) or a string select (3) of a message. */
export function componentInteraction(
  applicationId: string,
  user: FakeUser,
  place: FakePlace,
  message: Record<string, unknown>,
  component: { customId: string; type: 2 | 3; values?: string[] },
): Record<string, unknown> {
  const data = {
    custom_id: component.customId,
    component_type: component.type,
    ...(component.values ? { values: component.values } : {}),
  };
  return { ...interactionBase(applicationId, 3, user, place), message, data };
}

/** MODAL_SUBMIT (type 5): each Label carries its input's value, or a select's values. */
export function modalSubmit(
  applicationId: string,
  user: FakeUser,
  place: FakePlace,
  customId: string,
  components: unknown[],
  message?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...interactionBase(applicationId, 5, user, place),
    ...(message ? { message } : {}),
    data: { custom_id: customId, components },
  };
}

/** A message as Discord's API returns it; `fields` are what differs between posts and interaction replies. */
export function messageObject(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    attachments: [],
    embeds: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...fields,
  };
}
