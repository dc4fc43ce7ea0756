import { tagFraction } from './warmupTag.js';

/**
 * A spintax group: `{a|b|c}`, or `{name=a|b|c}`. Groups that share a name pick the same alternative (by
 * position) wherever they stand in one message, subject and body alike, so a subject about Friday sits above
 * a body about Friday. Every other group picks on its own. No nesting.
 */
const groupPattern = /\{(?:(\w+)=)?([^{}]*)\}/g;

/**
 * Expands every group of `text`, each chosen by the tag: a named group by its name (the same choice in every
 * text of the message), any other by `purpose` and its position.
 */
export function spin(text: string, tag: string, purpose: string): string {
  let position = 0;
  return text.replace(groupPattern, (_, name: string | undefined, options: string) => {
    const alternatives = options.split('|');
    position += 1;
    const fraction = name ? tagFraction(tag, `topic:${name}`) : tagFraction(tag, `${purpose}:${position}`);
    return alternatives[Math.floor(fraction * alternatives.length)]!;
  });
}
