import { describe, expect, it } from 'vitest';
import { compiledTemplates, renderMessage, type LeadForRendering } from './renderMessage.js';

const lead: LeadForRendering = {
  id: '1',
  email: 'ann@acme.example',
  firstName: 'Ann',
  lastName: null,
  company: 'Acme',
  title: null,
  website: null,
  city: null,
  country: null,
  customFields: {},
};

describe('compiled template cache', () => {
  it('stays bounded in entries when spintax gives every lead a different text', () => {
    // 10^4 combinations: nearly every seed resolves to a text never compiled before.
    const bodyText =
      'Hi {{lead.firstName}}, {a|b|c|d|e|f|g|h|i|j} {k|l|m|n|o|p|q|r|s|t} {0|1|2|3|4|5|6|7|8|9} {u|v|w|x|y|z|A|B|C|D} at {{lead.company}}';
    const texts = new Set<string>();
    for (let i = 0; i < 6000; i += 1)
      texts.add(renderMessage({ subject: 'Hello', bodyText, bodyHtml: null, lead, seed: `enrolment-${i}:1` }).text);
    expect(texts.size).toBeGreaterThan(4000);
    expect(compiledTemplates.size).toBeLessThanOrEqual(2000);
  });

  it('stays bounded in characters when the varying templates are large', () => {
    const filler = 'x'.repeat(100_000);
    for (let i = 0; i < 400; i += 1) {
      renderMessage({
        subject: 'Hello',
        bodyText: `{one|two|three|four|five|six|seven|eight} ${i} ${filler}`,
        bodyHtml: null,
        lead,
        seed: `s${i}`,
      });
    }
    expect(compiledTemplates.weight).toBeLessThanOrEqual(16 * 1024 * 1024);
    // Still a cache: the same text is compiled once and rendered the same.
    const again = () => renderMessage({ subject: 'Hello {{lead.firstName}}', bodyText: 'Same', bodyHtml: null, lead, seed: 'same' });
    expect(again().subject).toBe('Hello Ann');
    const size = compiledTemplates.size;
    expect(again().subject).toBe('Hello Ann');
    expect(compiledTemplates.size).toBe(size);
  });

  it('keeps the HTML form of a text apart from its plain form, and compiles an edited text anew', () => {
    const company = { ...lead, company: 'Smith & <Sons>' };
    const render = (template: string) =>
      renderMessage({ subject: template, bodyText: template, bodyHtml: template, lead: company, seed: 'forms' });
    expect(render('About {{lead.company}}')).toEqual({
      subject: 'About Smith & <Sons>',
      text: 'About Smith & <Sons>',
      html: 'About Smith &amp; &lt;Sons&gt;',
    });
    expect(render('About {{lead.firstName}}').html).toBe('About Ann');
  });
});

describe('template helpers', () => {
  it('has default, if and unless, and none of the built-ins templates may not use', () => {
    expect(
      renderMessage({
        subject: '{{default lead.title "there"}}',
        bodyText: '{{#if lead.company}}yes{{/if}}',
        bodyHtml: null,
        lead,
        seed: 's',
      }),
    ).toEqual({
      subject: 'there',
      text: 'yes',
      html: null,
    });
    expect(() => renderMessage({ subject: 'x', bodyText: '{{#each lead.custom}}x{{/each}}', bodyHtml: null, lead, seed: 's' })).toThrow(
      /Missing helper: "each"/,
    );
  });
});
