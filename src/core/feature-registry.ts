/**
 * Merges what the features contribute by name (views, indicator counters); a name two features
 * use would silently replace one of them, so it stops the bot at start-up instead.
 */
export function mergeByName<T>(
  kind: string,
  parts: readonly (Readonly<Record<string, T>> | undefined)[],
): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part ?? {})) {
      if (Object.hasOwn(merged, name)) throw new Error(`Two features contribute the ${kind} "${name}"`);
      merged[name] = value;
    }
  }
  return merged;
}

/** Returns `items` unchanged after checking that no two share a name (jobs). */
export function uniqueByName<T extends { name: string }>(kind: string, items: readonly T[]): readonly T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) throw new Error(`Two features contribute the ${kind} "${item.name}"`);
    seen.add(item.name);
  }
  return items;
}
