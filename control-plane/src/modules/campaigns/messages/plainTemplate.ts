import Handlebars from 'handlebars';

/** `{{default lead.firstName "there"}}`: the fallback when a field is empty (a helper templates may use). */
export function defaultValue(value: unknown, fallback: unknown): unknown {
  return value === undefined || value === null || value === '' ? fallback : value;
}

type Render = (context: object) => string;
type Lookup = (context: object) => unknown;

const own = (value: unknown, key: string): unknown =>
  value !== null && value !== undefined && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** A path such as `lead.custom.plan`, looked up as Handlebars does for plain data: own properties only. */
function pathLookup(path: hbs.AST.PathExpression, helpers: ReadonlySet<string>): Lookup | undefined {
  if (path.data || path.depth > 0 || path.parts.length === 0) return undefined;
  // A helper's name alone calls the helper.
  const scoped = /^\.|^this\b/.test(path.original);
  if (!scoped && path.parts.length === 1 && helpers.has(path.parts[0]!)) return undefined;
  const parts = path.parts;
  return (context) => {
    let value: unknown = context;
    for (const part of parts) value = own(value, part);
    return value;
  };
}

function parameter(node: hbs.AST.Expression, helpers: ReadonlySet<string>): Lookup | undefined {
  if (node.type === 'StringLiteral' || node.type === 'NumberLiteral' || node.type === 'BooleanLiteral') {
    const value = (node as hbs.AST.StringLiteral | hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value;
    return () => value;
  }
  return node.type === 'PathExpression' ? pathLookup(node as hbs.AST.PathExpression, helpers) : undefined;
}

/** What a `{{...}}` tag outputs before escaping, or undefined when the tag is not a plain value or `default`. */
function tagValue(tag: hbs.AST.MustacheStatement, helpers: ReadonlySet<string>): Lookup | undefined {
  if (tag.type !== 'MustacheStatement' || tag.hash || tag.path.type !== 'PathExpression') return undefined;
  const path = tag.path as hbs.AST.PathExpression;
  if (tag.params.length === 0) {
    const lookup = pathLookup(path, helpers);
    // A function in the data is called, as Handlebars' lambda does (lead data never holds one).
    return (
      lookup &&
      ((context) => {
        const value = lookup(context);
        return typeof value === 'function' ? (value as (this: object) => unknown).call(context) : value;
      })
    );
  }
  if (path.original !== 'default' || tag.params.length !== 2) return undefined;
  const [value, fallback] = tag.params.map((param) => parameter(param, helpers));
  return value && fallback && ((context) => defaultValue(value(context), fallback(context)));
}

/**
 * The template as a plain function when it is made only of text, comments and value tags (`{{lead.firstName}}`,
 * `{{{unsubscribeUrl}}}`, `{{default lead.company "your team"}}`), else undefined and Handlebars renders it. Why:
 * each call of a Handlebars template copies and wraps its helpers before rendering, which costs several times
 * what such a template renders, three times a message and hundreds of messages a claim. Parsed by Handlebars
 * itself (whitespace control applied); the output is Handlebars' own, as plainTemplate.test.ts checks. `helpers`:
 * the names the Handlebars environment answers with a helper, built-in ones included.
 */
export function plainTemplate(source: string, escape: boolean, helpers: ReadonlySet<string>): Render | undefined {
  const parts: Array<string | Lookup> = [];
  for (const statement of Handlebars.parse(source).body) {
    if (statement.type === 'ContentStatement') parts.push((statement as hbs.AST.ContentStatement).value);
    else if (statement.type === 'CommentStatement') continue;
    else {
      const value = tagValue(statement as hbs.AST.MustacheStatement, helpers);
      if (!value) return undefined;
      const escaped = escape && (statement as hbs.AST.MustacheStatement).escaped;
      parts.push(
        escaped
          ? (context) => Handlebars.escapeExpression(value(context) as string)
          : (context) => {
              const output = value(context);
              return output === null || output === undefined ? '' : String(output);
            },
      );
    }
  }
  return (context) => {
    let output = '';
    for (const part of parts) output += typeof part === 'string' ? part : (part(context) as string);
    return output;
  };
}
