import { nearestOption } from '../../../lib/nearest.js';
import { spintaxProblems } from './spintax.js';
import { parseTemplate } from './templateSyntax.js';

/** What renderMessage puts in front of a template: the lead's standard fields, its custom fields, and the unsubscribe link. */
export const leadTemplateFields = ['email', 'firstName', 'lastName', 'company', 'title', 'website', 'city', 'country'] as const;

/** The variables a typo is most likely meant to be (custom fields are the organization's own: no guess). */
const knownVariables = [...leadTemplateFields.map((field) => `lead.${field}`), 'unsubscribeUrl'];

/** `{{default value "fallback"}}`; the only helper registered besides the built-in conditionals. */
const inlineHelpers = new Set(['default']);
/** Conditionals keep the context (so variables stay checkable); `each`/`with` would not, and are refused. */
const blockHelpers = new Set(['if', 'unless']);

export interface TemplateProblem {
  message: string;
  line?: number;
  column?: number;
}

type Expression = hbs.AST.Expression;
type Call = { path: hbs.AST.PathExpression | hbs.AST.Literal; params: Expression[]; hash?: hbs.AST.Hash; loc: hbs.AST.SourceLocation };

function variableProblem(path: hbs.AST.PathExpression): string | undefined {
  const available = 'use lead.<field>, lead.custom.<name> or unsubscribeUrl';
  if (path.data || path.depth > 0 || path.parts.length === 0) return `"${path.original}" is not available in templates; ${available}`;
  const [root, field, ...rest] = path.parts as [string, ...string[]];
  if (root === 'unsubscribeUrl' && field === undefined) return undefined;
  if (root === 'lead' && field === 'custom' && rest.length === 1) return undefined;
  if (root === 'lead' && (leadTemplateFields as readonly string[]).includes(field ?? '') && rest.length === 0) return undefined;
  if (field === undefined && (leadTemplateFields as readonly string[]).includes(root))
    return `Unknown variable "${root}"; did you mean "lead.${root}"?`;
  const suggestion = nearestOption(path.original, knownVariables);
  return suggestion
    ? `Unknown variable "${path.original}"; did you mean "${suggestion}"?`
    : `Unknown variable "${path.original}"; ${available}`;
}

function helperName(call: Call): string {
  return call.path.type === 'PathExpression'
    ? (call.path as hbs.AST.PathExpression).original
    : String((call.path as hbs.AST.StringLiteral).value);
}

/** Walks the parsed template: every variable must be one the renderer provides, every helper one it has. */
class TemplateChecker {
  readonly problems: TemplateProblem[] = [];

  private report(message: string, loc: hbs.AST.SourceLocation | undefined): void {
    this.problems.push({ message, ...(loc ? { line: loc.start.line } : {}) });
  }

  program(program: hbs.AST.Program): void {
    for (const statement of program.body) this.statement(statement);
  }

  private statement(node: hbs.AST.Statement): void {
    switch (node.type) {
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        const isCall = mustache.params.length > 0 || mustache.hash !== undefined;
        if (isCall || (mustache.path.type === 'PathExpression' && inlineHelpers.has(helperName(mustache))))
          this.call(mustache, inlineHelpers);
        else this.expression(mustache.path);
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        this.call(block, blockHelpers);
        if (block.params.length !== 1) this.report(`{{#${helperName(block)}}} takes exactly one value`, block.loc);
        if (block.program) this.program(block.program);
        if (block.inverse) this.program(block.inverse);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.report('Partials ({{> name}}) are not supported', node.loc);
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        this.report('Decorators are not supported', node.loc);
        return;
      default:
        // Content and comments.
        return;
    }
  }

  private call(node: Call, helpers: Set<string>): void {
    const name = helperName(node);
    if (!helpers.has(name)) {
      const known = [...helpers].join(', ');
      this.report(
        node.path.type === 'PathExpression' && variableProblem(node.path as hbs.AST.PathExpression) === undefined
          ? `"${name}" is a variable and takes no arguments`
          : `Unknown helper "${name}"; available here: ${known}`,
        node.loc,
      );
    }
    for (const param of node.params) this.expression(param);
    for (const pair of node.hash?.pairs ?? []) this.expression(pair.value);
  }

  private expression(node: Expression): void {
    if (node.type === 'PathExpression') {
      const problem = variableProblem(node as hbs.AST.PathExpression);
      if (problem) this.report(problem, node.loc);
    } else if (node.type === 'SubExpression') {
      this.call(node as hbs.AST.SubExpression, inlineHelpers);
    }
  }
}

/**
 * A spintax group never resolves when it contains a Handlebars expression (`{Hi {{lead.firstName}}|Hello}`):
 * resolveSpintax only takes groups without inner braces, so the lead would receive the braces as written.
 */
function expressionsInSpintax(text: string): TemplateProblem[] {
  const open: Array<{ pipe: boolean; expression: boolean; line: number }> = [];
  const problems: TemplateProblem[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i + 2);
      if (end < 0) break;
      for (const group of open) group.expression = true;
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      for (i = end + 2; text[i] === '}'; i += 1);
      i -= 1;
      continue;
    }
    const char = text[i];
    if (char === '\n') line += 1;
    else if (char === '{') open.push({ pipe: false, expression: false, line });
    else if (char === '|' && open.length > 0) open.at(-1)!.pipe = true;
    else if (char === '}') {
      const group = open.pop();
      if (group?.pipe && group.expression) {
        problems.push({
          message: 'A spintax group cannot contain a {{variable}}; it would be sent with its braces. Put the variable outside the group',
          line: group.line,
        });
      }
    }
  }
  return problems;
}

/** Whether `{{unsubscribeUrl}}` appears at the top level, i.e. in every message (not inside an {{#if}}). */
function hasUnconditionalUnsubscribeLink(program: hbs.AST.Program): boolean {
  return program.body.some(
    (node) =>
      node.type === 'MustacheStatement' &&
      (node as hbs.AST.MustacheStatement).path.type === 'PathExpression' &&
      ((node as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression).original === 'unsubscribeUrl',
  );
}

/**
 * Everything wrong with one template, found at save time rather than when a lead receives it:
 * Handlebars syntax, unknown variables and helpers, unbalanced spintax, spintax around variables,
 * and (for bodies, when the campaign requires it) a missing unconditional `{{unsubscribeUrl}}`.
 */
export function templateProblems(source: string, options: { requireUnsubscribeLink?: boolean } = {}): TemplateProblem[] {
  // The other checks read the braces too, and would only echo a syntax error in their own words.
  const parsed = parseTemplate(source);
  if ('problem' in parsed) return [parsed.problem];
  const { program } = parsed;
  const problems: TemplateProblem[] = spintaxProblems(source).map((message) => ({ message: `Unbalanced spintax: ${message}` }));
  problems.push(...expressionsInSpintax(source));
  const checker = new TemplateChecker();
  checker.program(program);
  problems.push(...checker.problems);
  if (options.requireUnsubscribeLink && !hasUnconditionalUnsubscribeLink(program)) {
    problems.push({ message: 'The campaign requires an unsubscribe link: add {{unsubscribeUrl}} to the body (outside any {{#if}})' });
  }
  return problems;
}
