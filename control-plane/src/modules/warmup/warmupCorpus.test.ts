// Unit: the corpus warm-up messages and replies are written from: plain, varied, fixed by their tag, and coherent
// (a subject and its body, and a reply and the message it answers, never name different days or things).
import { describe, expect, it } from 'vitest';
import { composeWarmupMessage, composeWarmupReply, warmupCorpora, warmupLanguages } from './warmupCorpus.js';
import { newWarmupTag } from './warmupTag.js';

const groupPattern = /\{(?:(\w+)=)?([^{}]*)\}/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each group of a spintax text: its name (if any) and its alternatives, in order. */
const groupsOf = (text: string) =>
  [...text.matchAll(groupPattern)].map((match) => ({ name: match[1], alternatives: match[2]!.split('|') }));

/** The alternative each group of `text` chose in `expanded`, or undefined when `text` does not spin to `expanded`. */
function choicesIn(text: string, expanded: string): string[] | undefined {
  const source = text
    .split(groupPattern)
    .map((part, index) =>
      index % 3 === 0 ? escapeRegExp(part) : index % 3 === 2 ? `(${part.split('|').map(escapeRegExp).join('|')})` : '',
    )
    .join('');
  return new RegExp(`^${source}$`).exec(expanded)?.slice(1);
}

/** Whether `text` names `phrase`, as whole words, whatever the case. */
const names = (text: string, phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'iu').test(text);

/**
 * What a subject passed over: the other alternatives of its groups (a day, a topic, a thing), except those that
 * only add to or trim the chosen one ("Small update" over "Update"). A text that names one of them contradicts
 * the subject: "Friday" above "next week".
 */
function passedOver(templateSubject: string, subject: string): string[] {
  const choices = choicesIn(templateSubject, subject)!;
  return groupsOf(templateSubject).flatMap(({ alternatives }, index) =>
    alternatives.filter((alternative) => !names(alternative, choices[index]!) && !names(choices[index]!, alternative)),
  );
}

const allTemplates = warmupLanguages.flatMap((language) => warmupCorpora[language].messages);
/** The one template of either language that writes this subject. */
function templateOf(subject: string) {
  const writers = allTemplates.filter((template) => choicesIn(template.subject, subject));
  expect(writers, subject).toHaveLength(1);
  return writers[0]!;
}

const withoutTag = (text: string) => text.replace(/\n\now-[a-z0-9]{12}$/, '');
/** Fixed tags, so a failure shows again on the next run; enough to write every template many times over. */
const fixedTags = Array.from({ length: 3000 }, (_, index) => (index * 7919).toString(36).padStart(12, '0'));

describe('the corpus', () => {
  it('writes varied plain-text messages fixed by their tag, ending with the tag, without links', () => {
    const tags = Array.from({ length: 200 }, () => newWarmupTag());
    expect(tags.every((tag) => /^[a-z0-9]{12}$/.test(tag))).toBe(true);
    const messages = tags.map((tag) => composeWarmupMessage(tag));
    expect(new Set(messages.map((message) => message.text)).size).toBe(200);
    expect(new Set(messages.map((message) => message.subject)).size).toBeGreaterThan(40);
    for (const [index, message] of messages.entries()) {
      expect(message.text.endsWith(`\n\now-${tags[index]}`)).toBe(true);
      expect(message.text).not.toMatch(/https?:|www\.|[{}|=]/);
      expect(message.subject).not.toMatch(/[{}|=]/);
      expect(composeWarmupMessage(tags[index]!)).toEqual(message);
    }
    const reply = composeWarmupReply(tags[1]!, { tag: tags[0]! });
    expect(reply.subject).toBe(`Re: ${messages[0]!.subject}`);
    expect(reply.text.endsWith(`ow-${tags[1]}`)).toBe(true);
    expect(composeWarmupReply(tags[1]!, { tag: tags[0]! })).toEqual(reply);
  });

  it('writes in German for a mailbox set to de, as varied and as plain, and in English for a language it does not ship', () => {
    const tags = Array.from({ length: 200 }, () => newWarmupTag());
    const messages = tags.map((tag) => composeWarmupMessage(tag, 'de'));
    expect(new Set(messages.map((message) => message.text)).size).toBe(200);
    expect(new Set(messages.map((message) => message.subject)).size).toBeGreaterThan(30);
    for (const [index, message] of messages.entries()) {
      expect(message.text.endsWith(`\n\now-${tags[index]}`)).toBe(true);
      expect(message.text).not.toMatch(/https?:|www\.|[{}|=]/);
      expect(message.text).toMatch(/^(Hallo|Hi|Hey),\n\n/);
      expect(composeWarmupMessage(tags[index]!, 'de')).toEqual(message);
      expect(message).not.toEqual(composeWarmupMessage(tags[index]!, 'en'));
    }
    const reply = composeWarmupReply(tags[1]!, { tag: tags[0]!, language: 'de' }, 'de');
    expect(reply.subject).toBe(`Re: ${messages[0]!.subject}`);
    // Any case: a reply may open with "Sehr gern" (the tags are random, so a case-sensitive check failed now and then).
    expect(reply.text).toMatch(/(Danke|Vielen Dank|Alles klar|Verstanden|Klar|Gern|Super|Schön|Ja|Ach|Oh|Klingt|Wie schön)\b/i);
    expect(composeWarmupMessage(tags[2]!, 'fr')).toEqual(composeWarmupMessage(tags[2]!, 'en'));
  });

  it('gives groups that share a name as many alternatives, so they can pick the same one', () => {
    for (const template of allTemplates) {
      const named = groupsOf(`${template.subject}\n${template.body}`).filter((group) => group.name);
      for (const group of named) {
        const sameName = named.filter((other) => other.name === group.name);
        expect(sameName.length, `${template.subject}: {${group.name}=…} stands alone`).toBeGreaterThan(1);
        expect(sameName.map((other) => other.alternatives.length)).toEqual(sameName.map(() => group.alternatives.length));
      }
    }
  });

  it.each(warmupLanguages)('writes a body that never names a day or thing its subject (%s) passed over', (language) => {
    const written = new Set<object>();
    for (const tag of fixedTags) {
      const { subject, text } = composeWarmupMessage(tag, language);
      const template = templateOf(subject);
      written.add(template);
      for (const phrase of passedOver(template.subject, subject)) {
        expect(names(withoutTag(text), phrase), `"${subject}" above a body naming "${phrase}":\n${text}`).toBe(false);
      }
    }
    expect(written.size).toBe(warmupCorpora[language].messages.length);
  });

  it('answers a message in either language with a reply of a kind that fits it, naming nothing its subject passed over', () => {
    for (const [index, tag] of fixedTags.entries()) {
      const messageLanguage = warmupLanguages[index % warmupLanguages.length]!;
      const replierLanguage = warmupLanguages[Math.floor(index / warmupLanguages.length) % warmupLanguages.length]!;
      const { subject } = composeWarmupMessage(tag, messageLanguage);
      const template = templateOf(subject);
      const reply = withoutTag(
        composeWarmupReply(fixedTags[fixedTags.length - 1 - index]!, { tag, language: messageLanguage }, replierLanguage).text,
      );
      const replies = warmupCorpora[replierLanguage].replies;
      expect(
        template.answers.some((kind) => choicesIn(replies[kind], reply)),
        `"${reply}" does not answer "${subject}" (${template.answers.join(', ')})`,
      ).toBe(true);
      for (const phrase of passedOver(template.subject, subject)) {
        expect(names(reply, phrase), `"${reply}" names "${phrase}" in answer to "${subject}"`).toBe(false);
      }
    }
  });

  it('writes no subject that two templates could write, so these checks can read the template back from a subject', () => {
    for (const template of allTemplates) {
      const subjects = groupsOf(template.subject).reduce(
        (expanded, { alternatives }) => expanded.flatMap((prefix) => alternatives.map((alternative) => [...prefix, alternative])),
        [[]] as string[][],
      );
      for (const choices of subjects) {
        let position = 0;
        templateOf(template.subject.replace(groupPattern, () => choices[position++]!));
      }
    }
  });

  it('keeps enough variety that two messages of a language are almost never the same', () => {
    /** How many subject and body pairs a template writes: a name's groups choose once, every other group on its own. */
    const pairs = (template: { subject: string; body: string }) => {
      const choices = new Map<string, number>();
      groupsOf(`${template.subject}\n${template.body}`).forEach(({ name, alternatives }, index) =>
        choices.set(name ?? `#${index}`, alternatives.length),
      );
      return [...choices.values()].reduce((product, count) => product * count, 1);
    };
    for (const language of warmupLanguages) {
      const counts = warmupCorpora[language].messages.map(pairs);
      // Chance that two messages of the language read the same: the same template, then the same choices.
      const sameText = counts.reduce((sum, count) => sum + 1 / (counts.length ** 2 * count), 0);
      expect(Math.min(...counts), language).toBeGreaterThanOrEqual(800);
      expect(sameText, language).toBeLessThan(5e-5);
    }
  });
});
