import Handlebars from 'handlebars';
import { LruCache } from '../../../lib/lruCache.js';
import { defaultValue, plainTemplate } from './plainTemplate.js';
import { resolveSpintax } from './spintax.js';

export interface LeadForRendering {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  website: string | null;
  city: string | null;
  country: string | null;
  customFields: unknown;
}

export interface RenderedMessageBody {
  subject: string;
  text: string;
  html: string | null;
}

/**
 * Only the helpers templates may use (templateProblems refuses any other: docs/campaign-definition.md) and the
 * two hooks Handlebars answers a missing helper with. Every call of a compiled template copies and wraps its
 * environment's helpers, three times a message, so the built-ins no template can call are not kept.
 */
const handlebars = Handlebars.create();
const unusedBuiltInHelpers = ['each', 'with', 'lookup', 'log'];
for (const name of unusedBuiltInHelpers) handlebars.unregisterHelper(name);
handlebars.registerHelper('default', defaultValue);
// The compiler must not call the removed built-ins directly: a template naming one gets Handlebars' "Missing helper".
const knownHelpers = Object.fromEntries(unusedBuiltInHelpers.map((name) => [name, false]));
export const helperNames: ReadonlySet<string> = new Set([...Object.keys(handlebars.helpers), ...unusedBuiltInHelpers]);

type TemplateRender = (context: object) => string;

/** One template text compiled for HTML bodies (lead data escaped) and for subjects and text bodies (as written). */
interface CompiledTemplate {
  escaped?: TemplateRender;
  verbatim?: TemplateRender;
}

/**
 * Compiled templates, keyed on the text after spintax: a campaign with many spintax groups has as
 * many texts as combinations, so the cache is bounded in entries and in characters of source.
 * Keyed on the text itself (not a copy with a prefix), so a hit costs no copy of a long body.
 */
export const compiledTemplates = new LruCache<string, CompiledTemplate>({
  maxEntries: 2000,
  maxWeight: 16 * 1024 * 1024,
  weigh: (key) => key.length,
});

/** The template as Handlebars renders it: what plainTemplate must equal, and what renders every other template. */
export function handlebarsTemplate(source: string, escape: boolean): TemplateRender {
  return handlebars.compile(source, { strict: false, noEscape: !escape, knownHelpers });
}

function compile(source: string, escape: boolean): TemplateRender {
  let compiled = compiledTemplates.get(source);
  if (!compiled) {
    compiled = {};
    compiledTemplates.set(source, compiled);
  }
  const form = escape ? 'escaped' : 'verbatim';
  return (compiled[form] ??= plainTemplate(source, escape, helperNames) ?? handlebarsTemplate(source, escape));
}

const noCustomFields: Readonly<Record<string, unknown>> = Object.freeze({});

export function renderContext(lead: Omit<LeadForRendering, 'id'>, unsubscribeUrl?: string) {
  // Built field by field, with one shared empty object for a lead without custom fields: a claim makes
  // one context per send, and a spread or a fresh object each was a measurable share of its garbage.
  return {
    lead: {
      email: lead.email,
      firstName: lead.firstName,
      lastName: lead.lastName,
      company: lead.company,
      title: lead.title,
      website: lead.website,
      city: lead.city,
      country: lead.country,
      custom: (lead.customFields ?? noCustomFields) as Record<string, unknown>,
    },
    unsubscribeUrl,
  };
}

/** What a template sees: the lead's fields under `lead`, and the message's own values (its unsubscribe link). */
export type RenderContext = ReturnType<typeof renderContext>;

/**
 * One template text for one lead: spintax first (deterministic per lead and step: the seed), then
 * Handlebars with the lead's fields. HTML (`escape`) escapes lead data; text bodies and subjects do not.
 */
export function renderTemplate(source: string, context: RenderContext, seed: string, escape: boolean): string {
  const text = resolveSpintax(source, seed);
  // A text without a mustache renders as written: Handlebars would only pay its per-call setup to copy it.
  return text.includes('{{') ? compile(text, escape)(context) : text;
}

/** A subject on one line, as a header carries it. */
export function renderSubject(source: string, context: RenderContext, seed: string): string {
  return renderTemplate(source, context, seed, false).replace(/\s+/g, ' ').trim();
}

/** Personalises one step for one lead: its subject and bodies (renderTemplate). */
export function renderMessage(options: {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  lead: LeadForRendering;
  seed: string;
  unsubscribeUrl?: string;
}): RenderedMessageBody {
  const context = renderContext(options.lead, options.unsubscribeUrl);
  return {
    subject: renderSubject(options.subject, context, options.seed),
    text: renderTemplate(options.bodyText, context, options.seed, false),
    html: options.bodyHtml ? renderTemplate(options.bodyHtml, context, options.seed, true) : null,
  };
}
