import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const codeOf = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError ? error.code : `not a known request error: ${String(error)}`;

// Features answer "that name was just taken" from P2002: it must mean the same on PGlite and PostgreSQL.
describe("constraint violations reach the code as Prisma's known errors", () => {
  it("a unique index refusing a row is P2002, naming the fields", async () => {
    const data = { networkId: bot.networkId, name: "Mai 2027", arrivesOn: new Date("2027-05-03") };
    await bot.db.prisma.cohort.create({ data });
    const error = await bot.db.prisma.cohort.create({ data }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe("P2002");
    expect(JSON.stringify((error as Prisma.PrismaClientKnownRequestError).meta)).toContain("name");
  });

  it("a missing referenced row is P2003, also inside a transaction", async () => {
    const error = await bot.db.prisma
      .$transaction((tx) =>
        tx.cohort.create({
          data: {
            networkId: "00000000-0000-4000-8000-000000000000",
            name: "Orpheline",
            arrivesOn: new Date("2027-05-03"),
          },
        }),
      )
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("P2003");
  });
});
