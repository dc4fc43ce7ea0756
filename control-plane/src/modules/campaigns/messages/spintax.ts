import { createHash } from 'node:crypto';

const innermostGroup = /\{([^{}]*\|[^{}]*)\}/;

/**
 * Resolves `{Hi|Hello|Hey}` choices, innermost first, picking by a hash of the seed (the lead and
 * step), so the same lead always gets the same wording and a preview shows what will be sent.
 * Handlebars' `{{...}}` is never touched: a group must contain `|` and no braces.
 */
export function resolveSpintax(text: string, seed: string): string {
  let result = text;
  let round = 0;
  for (let match = innermostGroup.exec(result); match; match = innermostGroup.exec(result)) {
    const options = match[1]!.split('|');
    const digest = createHash('sha256').update(`${seed}:${round}:${match[1]}`).digest();
    const choice = options[digest.readUInt32BE(0) % options.length]!;
    result = result.slice(0, match.index) + choice + result.slice(match.index + match[0].length);
    round += 1;
  }
  return result;
}

/** Unbalanced braces outside Handlebars expressions, reported at save time. */
export function spintaxProblems(text: string): string[] {
  // Triple-stash `{{{x}}}` first, or its last brace would count as a spintax one.
  const withoutHandlebars = text.replace(/\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g, '');
  let depth = 0;
  for (const char of withoutHandlebars) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth < 0) return ['a "}" closes a spintax group that was never opened'];
  }
  return depth > 0 ? ['a spintax group "{...|...}" is not closed'] : [];
}
