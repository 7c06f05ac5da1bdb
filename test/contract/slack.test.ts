import { startSlackDriver } from "../fakes/slack/driver.ts";
import { defineContractSuite } from "./suite.ts";

defineContractSuite("slack", (bot) => startSlackDriver(bot.dispatch));
