/**
 * An expected failure of an administration command, told to the operator in one sentence (a file
 * import names the row, the column and what is expected). Nothing has been written when it is thrown.
 */
export class AdminError extends Error {
  override name = "AdminError";
  /** 2 for a command used the wrong way, 1 for anything else the operator can fix. */
  readonly exitCode: number;
  constructor(sentence: string, exitCode = 1) {
    super(sentence);
    this.exitCode = exitCode;
  }
}

/** The closest of `candidates` to `wanted`, best first, for "did you mean" sentences. */
export function closest(
  wanted: string,
  candidates: readonly string[],
  distance: (a: string, b: string) => number,
  count = 3,
): string[] {
  return [...candidates]
    .map((c) => ({ c, d: distance(wanted.toLowerCase(), c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, count)
    .map(({ c }) => c);
}
