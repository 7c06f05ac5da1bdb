import { createTelegramDriver } from "../fakes/telegram/driver.ts";
import { defineContractSuite } from "./suite.ts";

// grammY's real API client, polling a fake Bot API server on 127.0.0.1.
defineContractSuite("Telegram", async (bot) => createTelegramDriver(bot.dispatch));
