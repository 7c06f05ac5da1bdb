import { describe, expect, it } from "vitest";
import { clip, splitText } from "../../src/channels/text.ts";

describe("long texts on platforms with a size limit", () => {
  it("are split at line breaks, and nothing is lost", () => {
    const text = [
      "• Julien Carrère — conseiller numérique",
      "• Sophie Delmas — coordinatrice",
      "• Inès B. — partenaire",
    ].join("\n");
    const parts = splitText(text, 45);
    expect(parts).toEqual([
      "• Julien Carrère — conseiller numérique",
      "• Sophie Delmas — coordinatrice",
      "• Inès B. — partenaire",
    ]);
    expect(parts.join("\n")).toBe(text);
  });

  it("a line longer than the limit is cut at a space, else hard, never inside an emoji", () => {
    expect(splitText("atelier smartphone pour les seniors", 20)).toEqual(["atelier smartphone", "pour les seniors"]);
    expect(splitText("a".repeat(25), 10)).toEqual(["a".repeat(10), "a".repeat(10), "a".repeat(5)]);
    const emoji = `${"x".repeat(9)}😀y`;
    const parts = splitText(emoji, 10);
    expect(parts).toEqual(["x".repeat(9), "😀y"]);
  });

  it("labels are clipped with an ellipsis within the limit", () => {
    expect(clip("Fédération des médiathèques", 10)).toBe("Fédératio…");
    expect(clip("court", 10)).toBe("court");
  });
});
