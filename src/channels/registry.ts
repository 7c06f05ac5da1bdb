import type { Config } from "../config/env.ts";
import type { AdapterDeps, ChannelAdapter } from "../core/channel.ts";
import type { Platform } from "../core/inbound.ts";
import { createDiscordAdapter } from "./discord/index.ts";
import { createSlackAdapter } from "./slack/index.ts";
import { createTelegramAdapter } from "./telegram/index.ts";

/** The platforms whose tokens are configured, in the order their adapters are created. */
export function configuredPlatforms(config: Config): Platform[] {
  return [
    ...(config.telegram ? (["telegram"] as const) : []),
    ...(config.slack ? (["slack"] as const) : []),
    ...(config.discord ? (["discord"] as const) : []),
  ];
}

/** The adapters whose tokens are configured: any subset of platforms, or none (local chat only). */
export function createAdapters(config: Config, deps: AdapterDeps): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [];
  if (config.telegram) adapters.push(createTelegramAdapter(config.telegram, deps));
  if (config.slack) adapters.push(createSlackAdapter(config.slack, deps));
  if (config.discord) adapters.push(createDiscordAdapter(config.discord, deps));
  return adapters;
}
