import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./gateway.ts";
import { snowflake } from "./ids.ts";
import type { Window } from "./limits.ts";
import { warmUpOpenApi } from "./openapi.ts";
import { guildObject } from "./payloads.ts";
import { FakeDiscordRest, type FakeInteraction } from "./rest.ts";

export interface FakeDiscordOptions {
  heartbeatIntervalMs?: number;
  globalLimit?: Window;
  routeLimit?: (routeKey: string) => Window;
  ackDeadlineMs?: number;
  /** More guilds the bot is in, besides the test guild. */
  extraGuilds?: number;
}

export interface FakeDiscord {
  /** What the adapter's config gets as `apiUrl`. */
  apiUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
  guildIds: string[];
  rest: FakeDiscordRest;
  gateway: FakeGateway;
  /** Delivers an interaction on the gateway (INTERACTION_CREATE) and tracks the bot's callbacks for it. */
  interact(payload: Record<string, unknown>): FakeInteraction;
  /** Delivers the same INTERACTION_CREATE again (same id and token). */
  redeliver(payload: Record<string, unknown>): void;
  /** The bot is added to a new guild while running (GUILD_CREATE). */
  joinGuild(): string;
  close(): Promise<void>;
}

/** Discord's REST API and gateway on one loopback port: http://127.0.0.1:<port>/api and ws://…/gateway. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  warmUpOpenApi();
  const token = `fake.${snowflake()}.token`;
  const applicationId = snowflake();
  const guildId = snowflake();
  const channelId = snowflake();
  const ownerId = snowflake();
  const guildIds = [guildId, ...Array.from({ length: options.extraGuilds ?? 0 }, () => snowflake())];
  const botUser = {
    id: applicationId,
    username: "Réseau bot",
    global_name: null,
    discriminator: "0",
    avatar: null,
    bot: true,
    flags: 0,
  };
  let base = "";

  const rest = new FakeDiscordRest({
    token,
    applicationId,
    botUser,
    gatewayUrl: () => `${base.replace("http", "ws")}/gateway`,
    ...(options.globalLimit ? { globalLimit: options.globalLimit } : {}),
    ...(options.routeLimit ? { routeLimit: options.routeLimit } : {}),
    ...(options.ackDeadlineMs ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
  });
  rest.channels.addGuildChannel(channelId);
  const gateway = new FakeGateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    resumeUrl: () => `${base.replace("http", "ws")}/gateway`,
    ready: () => ({
      v: 10,
      user: botUser,
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
    }),
    guilds: () => guildIds.map((id) => guildObject(id, id === guildId ? channelId : snowflake(), ownerId)),
  });

  const server = createServer((req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 0, message: String(error) }));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    gateway.server.handleUpgrade(req, socket, head, (ws) => gateway.server.emit("connection", ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api`,
    token,
    applicationId,
    guildId,
    channelId,
    guildIds,
    rest,
    gateway,
    interact(payload) {
      const record = rest.expect({
        id: String(payload.id),
        token: String(payload.token),
        channelId: String(payload.channel_id),
        type: Number(payload.type),
        payload,
      });
      gateway.dispatch("INTERACTION_CREATE", payload);
      return record;
    },
    redeliver(payload) {
      gateway.dispatch("INTERACTION_CREATE", payload);
    },
    joinGuild() {
      const id = snowflake();
      guildIds.push(id);
      gateway.dispatch("GUILD_CREATE", guildObject(id, snowflake(), ownerId));
      return id;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
