// Block Kit limits the fake Slack enforces, as Slack does: past them it answers `invalid_blocks`.
type Json = Record<string, unknown>;

const textOf = (o: unknown) => ((o as { text?: unknown } | undefined)?.text as string | undefined) ?? "";

/** Why Slack would refuse these blocks, or undefined when they are valid. */
export function blockProblem(blocks: unknown, maxBlocks: number): string | undefined {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > maxBlocks) return `more than ${maxBlocks} blocks`;
  const actionIds = new Set<string>();
  for (const block of blocks as Json[]) {
    if (block.type === "section" && textOf(block.text).length > 3000) return "section text over 3000 characters";
    if (block.type === "section" && textOf(block.text).length === 0) return "empty section text";
    if (block.type === "actions") {
      const elements = block.elements as Json[];
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) return "actions block needs 1 to 25 elements";
      for (const element of elements) {
        const problem = elementProblem(element, actionIds);
        if (problem) return problem;
      }
    }
    if (block.type === "input") {
      if (!textOf(block.label)) return "input block without a label";
      const problem = elementProblem(block.element as Json, actionIds, String(block.block_id));
      if (problem) return problem;
    }
  }
  return undefined;
}

function elementProblem(element: Json, actionIds: Set<string>, scope = ""): string | undefined {
  const id = `${scope}/${String(element.action_id)}`;
  if (actionIds.has(id)) return `duplicate action_id ${id}`;
  actionIds.add(id);
  if (String(element.action_id ?? "").length > 255) return "action_id over 255 characters";
  if (element.type === "button" && textOf(element.text).length > 75) return "button text over 75 characters";
  if (element.type === "static_select" || element.type === "multi_static_select") {
    const options = element.options as Json[];
    if (!Array.isArray(options) || options.length === 0 || options.length > 100) return "a menu needs 1 to 100 options";
    for (const option of options) {
      const value = String(option.value ?? "");
      if (value.length === 0 || value.length > 150) return "option value must be 1 to 150 characters";
      if (textOf(option.text).length > 75) return "option text over 75 characters";
    }
  }
  return undefined;
}

/** Why Slack would refuse this view (modal or home tab). */
export function viewProblem(view: Json): string | undefined {
  if (view.type === "modal") {
    if (!textOf(view.title) || textOf(view.title).length > 24) return "modal title must be 1 to 24 characters";
    if (view.submit && textOf(view.submit).length > 24) return "submit label over 24 characters";
    if (String(view.private_metadata ?? "").length > 3000) return "private_metadata over 3000 characters";
  }
  return blockProblem(view.blocks, 100);
}
