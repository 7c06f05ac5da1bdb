import { startDiscordHarness } from "../fakes/discord/harness.ts";
import { defineContractSuite } from "./suite.ts";

defineContractSuite("Discord (discord.js against a fake REST API and gateway)", async (bot) => {
  const harness = await startDiscordHarness(bot.dispatch);
  return { ...harness.driver, close: () => harness.close() };
});
