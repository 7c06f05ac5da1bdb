import { afterEach, describe, expect, it } from "vitest";
import type { InboundCommand } from "../../src/core/inbound.ts";
import type { Reply } from "../../src/core/reply.ts";
import { startSlackDriver } from "../fakes/slack/driver.ts";

const form: Reply = {
  text: "Dites-nous tout.",
  visibility: "private",
  form: {
    id: "survey:42",
    title: "Votre avis",
    submitLabel: "Envoyer",
    fields: [
      { name: "name", label: "Nom", type: "text", required: true, value: "Zoé" },
      {
        name: "organisation",
        label: "Structure",
        type: "select",
        required: false,
        value: "org-1",
        options: [
          { value: "", label: "Aucune" },
          { value: "org-1", label: "Mairie" },
        ],
      },
      {
        name: "topics",
        label: "Sujets",
        type: "multiselect",
        required: false,
        options: [
          { value: "a", label: "Accès" },
          { value: "b", label: "Santé" },
        ],
      },
      { name: "comment", label: "Commentaire", type: "textarea", required: false },
    ],
  },
};

describe("slack: forms as modals", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function driverAnswering() {
    const received: InboundCommand[] = [];
    const driver = await startSlackDriver(async (inbound) => {
      received.push(inbound);
      return inbound.input.kind === "form" ? [{ text: "Merci.", visibility: "private" }] : [form];
    });
    close = () => driver.close();
    return { driver, received };
  }

  it("a form asked for with a command opens as a modal, and its submission reaches the core by field name", async () => {
    const { driver, received } = await driverAnswering();
    const opened = await driver.send("alice", "avis");
    expect(opened).toEqual([
      {
        text: "Dites-nous tout.",
        choices: [],
        form: { title: "Votre avis", fields: ["Nom", "Structure", "Sujets", "Commentaire"] },
        private: true,
      },
    ]);
    const thanks = await driver.submitForm("alice", { Structure: "Aucune", Sujets: "Accès, Santé" });
    expect(received.at(-1)!.input).toEqual({
      kind: "form",
      formId: "survey:42",
      values: { name: "Zoé", organisation: "", topics: ["a", "b"], comment: "" },
    });
    expect(thanks).toEqual([{ text: "Merci.", choices: [], private: true }]);
  });

  it("a form asked for in a direct message, where Slack gives no trigger, opens from a button", async () => {
    const { driver } = await driverAnswering();
    const offered = await driver.send("alice", "avis", "private");
    expect(offered.flatMap((r) => r.choices)).toEqual(["Votre avis"]);
    const opened = await driver.press("alice", "Votre avis");
    expect(opened[0]!.form).toEqual({ title: "Votre avis", fields: ["Nom", "Structure", "Sujets", "Commentaire"] });
    const thanks = await driver.submitForm("alice", {});
    // Submitted from the direct message: the answer is an ordinary message there.
    expect(thanks).toEqual([{ text: "Merci.", choices: [], private: true }]);
    expect(driver.harness.fake.calls.at(-1)).toMatchObject({ method: "chat.postMessage", body: { channel: "DALICE" } });
  });
});
