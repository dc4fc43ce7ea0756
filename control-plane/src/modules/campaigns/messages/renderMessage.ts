import Handlebars from 'handlebars';
import { LruCache } from '../../../lib/lruCache.js';
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

const handlebars = Handlebars.create();
// `{{default lead.firstName "there"}}`: the fallback when a field is empty.
handlebars.registerHelper('default', (value: unknown, fallback: unknown) =>
  value === undefined || value === null || value === '' ? fallback : value,
);

/**
 * Compiled templates, keyed on the text after spintax: a campaign with many spintax groups has as
 * many texts as combinations, so the cache is bounded in entries and in characters of source.
 */
export const compiledTemplates = new LruCache<string, HandlebarsTemplateDelegate>({
  maxEntries: 2000,
  maxWeight: 16 * 1024 * 1024,
  weigh: (key) => key.length,
});

function compile(source: string, escape: boolean): HandlebarsTemplateDelegate {
  const key = `${escape ? 'h' : 't'}:${source}`;
  let template = compiledTemplates.get(key);
  if (!template) {
    template = handlebars.compile(source, { strict: false, noEscape: !escape });
    compiledTemplates.set(key, template);
  }
  return template;
}

export function renderContext(lead: LeadForRendering, extra: Record<string, unknown> = {}) {
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
      custom: (lead.customFields ?? {}) as Record<string, unknown>,
    },
    ...extra,
  };
}

/**
 * Personalises one step for one lead: spintax first (deterministic per lead and step), then
 * Handlebars with the lead's fields. HTML bodies escape lead data; text bodies and subjects do not.
 */
export function renderMessage(options: {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  lead: LeadForRendering;
  seed: string;
  extra?: Record<string, unknown>;
}): RenderedMessageBody {
  const context = renderContext(options.lead, options.extra);
  const render = (source: string, escape: boolean) => compile(resolveSpintax(source, options.seed), escape)(context);
  return {
    subject: render(options.subject, false).replace(/\s+/g, ' ').trim(),
    text: render(options.bodyText, false),
    html: options.bodyHtml ? render(options.bodyHtml, true) : null,
  };
}
