import Handlebars from 'handlebars';

/**
 * A template's brace mistakes said in a marketer's words, with line and column ("an opening `{{` at
 * line 2, column 7 is never closed"). Handlebars' own parser answers "Expecting 'ID', got 'INVALID'"
 * and an excerpt that loses the line breaks, which tells a person writing an email nothing.
 */
export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
}

interface Tag {
  /** As written, braces included. */
  text: string;
  /** Between the braces, without `~` and surrounding spaces. */
  inside: string;
  start: number;
}

const example = 'as in {{lead.firstName}}';

function positionOf(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: (before.match(/\n/g)?.length ?? 0) + 1, column: index - lineStart + 1 };
}

function at(source: string, index: number, message: (where: string) => string): SyntaxProblem {
  const { line, column } = positionOf(source, index);
  return { message: message(`line ${line}, column ${column}`), line, column };
}

/** The `{{...}}` tags of a template, or the first opening brace pair that is never closed. */
function scanTags(source: string): { tags: Tag[] } | { problem: SyntaxProblem } {
  const tags: Tag[] = [];
  let index = source.indexOf('{{');
  while (index >= 0) {
    if (source[index - 1] === '\\') {
      // `\{{` is written out as is.
      index = source.indexOf('{{', index + 2);
      continue;
    }
    const triple = source.startsWith('{{{', index);
    const comment = source.startsWith('{{!--', index);
    const closer = comment ? '--}}' : triple ? '}}}' : '}}';
    const end = source.indexOf(closer, index + 2);
    const nextOpen = comment ? -1 : source.indexOf('{{', index + (triple ? 3 : 2));
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
      const opening = triple ? '{{{' : '{{';
      return {
        problem: at(
          source,
          index,
          (where) => `An opening \`${opening}\` at ${where} is never closed; end it with \`${closer}\`, ${example}`,
        ),
      };
    }
    const text = source.slice(index, end + closer.length);
    const inside = source
      .slice(index + (triple ? 3 : 2), end)
      .replace(/^~|~$/g, '')
      .trim();
    tags.push({ text, inside, start: index });
    index = source.indexOf('{{', end + closer.length);
  }
  return { tags };
}

/** Blocks (`{{#if}}` ... `{{/if}}`) must open and close in pairs. */
function blockProblem(source: string, tags: Tag[]): SyntaxProblem | undefined {
  const open: Array<{ name: string; start: number }> = [];
  for (const tag of tags) {
    if (tag.inside === '') {
      return at(source, tag.start, (where) => `\`${tag.text}\` at ${where} is empty; put a variable between the braces, ${example}`);
    }
    const opening = /^#\s*([^\s}]+)/.exec(tag.inside);
    if (opening) {
      open.push({ name: opening[1]!, start: tag.start });
      continue;
    }
    const closing = /^\/\s*([^\s}]+)/.exec(tag.inside);
    if (!closing) continue;
    const name = closing[1]!;
    const block = open.pop();
    if (!block) return at(source, tag.start, (where) => `\`${tag.text}\` at ${where} closes a \`{{#${name}}}\` that was never opened`);
    if (block.name !== name) {
      const opened = positionOf(source, block.start);
      return at(
        source,
        tag.start,
        (where) =>
          `\`{{#${block.name}}}\` opened at line ${opened.line}, column ${opened.column} is closed by \`${tag.text}\` at ${where}; close it with \`{{/${block.name}}}\``,
      );
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    return at(
      source,
      unclosed.start,
      (where) => `\`{{#${unclosed.name}}}\` at ${where} is never closed; add \`{{/${unclosed.name}}}\` where its part of the message ends`,
    );
  }
  return undefined;
}

function readable(text: string): boolean {
  try {
    Handlebars.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The first tag Handlebars cannot read on its own: an opening block is tried with its closing tag. */
function unreadableTag(source: string, tags: Tag[]): SyntaxProblem | undefined {
  for (const tag of tags) {
    if (/^[/^]|^else\b/.test(tag.inside) || tag.text.startsWith('{{!')) continue;
    const opening = /^#\s*([^\s}]+)/.exec(tag.inside);
    const candidate = opening ? `${tag.text}{{/${opening[1]}}}` : tag.text;
    if (!readable(candidate)) {
      return at(
        source,
        tag.start,
        (where) =>
          `\`${tag.text}\` at ${where} cannot be read; write a variable as {{lead.firstName}} and a condition as {{#if lead.company}}...{{/if}}`,
      );
    }
  }
  return undefined;
}

function explain(source: string): SyntaxProblem {
  const scanned = scanTags(source);
  if ('problem' in scanned) return scanned.problem;
  return (
    blockProblem(source, scanned.tags) ??
    unreadableTag(source, scanned.tags) ?? {
      message: 'The template cannot be read; check that every {{ has its }} and every {{#if}} its {{/if}}',
      line: 1,
      column: 1,
    }
  );
}

/** The parsed template, or its first syntax problem explained. */
export function parseTemplate(source: string): { program: hbs.AST.Program } | { problem: SyntaxProblem } {
  try {
    return { program: Handlebars.parse(source) };
  } catch {
    return { problem: explain(source) };
  }
}
