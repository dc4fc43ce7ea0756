import { distance } from 'fastest-levenshtein';

/**
 * The option a mistyped value most likely meant (`emial` -> `email`), compared without case; undefined
 * when none is close enough to be a typo rather than a different word: at most two edits or a third of
 * the word, and always fewer than half of it.
 */
export function nearestOption(value: string, options: readonly string[]): string | undefined {
  const typed = value.trim().toLowerCase();
  if (!typed) return undefined;
  let best: { option: string; edits: number } | undefined;
  for (const option of options) {
    const edits = distance(typed, option.toLowerCase());
    if (!best || edits < best.edits) best = { option, edits };
  }
  const length = Math.max(typed.length, best?.option.length ?? 0);
  if (!best || best.edits > Math.max(2, Math.floor(length / 3)) || best.edits * 2 >= length) return undefined;
  return best.option;
}

/** `Unknown value "emial"; use one of email, firstName, ... Did you mean "email"?` as one issue's parts. */
export function unknownOptionIssue(
  value: string,
  options: readonly string[],
  what = 'value',
): { message: string; allowed: string[]; suggestion?: string } {
  const suggestion = nearestOption(value, options);
  return {
    message: `Unknown ${what} "${value}"; use one of ${options.join(', ')}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
    allowed: [...options],
    ...(suggestion ? { suggestion } : {}),
  };
}
