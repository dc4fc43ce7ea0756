import Handlebars from 'handlebars';
import type { N8nWorkflowBody } from '../../../lib/n8n/n8nWorkflow.js';
import type { WorkflowTemplate } from './templateCatalog.js';
import { withArticle } from '../../../lib/words.js';

export type TemplateParameters = Record<string, string | number | boolean>;

export class TemplateRenderError extends Error {
  constructor(readonly problems: string[]) {
    super(`The workflow template cannot be rendered:\n- ${problems.join('\n- ')}`);
    this.name = 'TemplateRenderError';
  }
}

// Only `{{ophir.x}}` is ours: n8n's own expressions (`={{ $json.x }}`) use the same braces and must
// pass through untouched, so each placeholder is rendered on its own rather than the whole string.
const placeholder = /\{\{\s*ophir\.(\w+)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*ophir\.(\w+)\s*\}\}$/;

function renderString(value: string, parameters: TemplateParameters): string | number | boolean {
  const whole = wholePlaceholder.exec(value);
  // A value that is exactly one placeholder keeps the parameter's type (numbers stay numbers).
  if (whole) return parameters[whole[1]!]!;
  return value.replace(placeholder, (segment) => Handlebars.compile(segment, { strict: true, noEscape: true })({ ophir: parameters }));
}

function renderValue(value: unknown, parameters: TemplateParameters): unknown {
  if (typeof value === 'string') return renderString(value, parameters);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, parameters));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, parameters)]));
  }
  return value;
}

function collectPlaceholders(value: unknown, found: Set<string>): void {
  if (typeof value === 'string') for (const match of value.matchAll(placeholder)) found.add(match[1]!);
  else if (Array.isArray(value)) value.forEach((item) => collectPlaceholders(item, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => collectPlaceholders(item, found));
}

/**
 * Renders value by value (never by string-templating the JSON text), so the result is always valid
 * JSON whatever the parameters contain.
 */
export function renderTemplate(template: WorkflowTemplate, parameters: TemplateParameters): N8nWorkflowBody {
  const problems: string[] = [];
  const declared = template.manifest.parameters;
  for (const [name, spec] of Object.entries(declared)) {
    if (!(name in parameters)) problems.push(`parameter "${name}" is required (${spec.description})`);
    else if (typeof parameters[name] !== spec.type) problems.push(`parameter "${name}" must be ${withArticle(spec.type)}`);
  }
  for (const name of Object.keys(parameters)) if (!(name in declared)) problems.push(`parameter "${name}" is not declared by the template`);
  const used = new Set<string>();
  collectPlaceholders(template.workflow, used);
  for (const name of used)
    if (!(name in declared)) problems.push(`the workflow uses {{ophir.${name}}}, which the template does not declare`);
  if (problems.length > 0) throw new TemplateRenderError(problems);
  return renderValue(template.workflow, parameters) as N8nWorkflowBody;
}
