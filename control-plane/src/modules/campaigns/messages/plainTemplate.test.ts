import { describe, expect, it } from 'vitest';
import { plainTemplate } from './plainTemplate.js';
import { handlebarsTemplate, helperNames, renderContext, type LeadForRendering } from './renderMessage.js';

const lead: LeadForRendering = {
  id: '1',
  email: 'ann@acme.example',
  firstName: 'Ann <b>&"\'`=',
  lastName: '',
  company: null,
  title: 'CTO',
  website: 'https://acme.example/?a=1&b=2',
  city: null,
  country: 'DE',
  customFields: { plan: 'Pro & Co', seats: 0, trial: false, tags: ['a', 'b'], nested: { level: 2 }, empty: null },
};
const context = renderContext(lead, 'https://ophir.example/u/abc.def');
const emptyContext = renderContext({ ...lead, firstName: null, company: '', customFields: null });

const plain = [
  'Hi {{lead.firstName}}, {{lead.company}} {{lead.lastName}}!',
  '{{{lead.firstName}}} and {{& lead.website}} and {{lead.website}}',
  '{{default lead.firstName "there"}} at {{default lead.company lead.title}}',
  '{{default lead.custom.missing 3}} {{default lead.custom.empty true}} {{default lead.city lead.custom.nested.level}}',
  '{{lead.custom.plan}} {{lead.custom.seats}} {{lead.custom.trial}} {{lead.custom.tags}} {{lead.custom.nested}}',
  '{{lead.custom.nested.level}} {{lead.custom.missing.deeper}} {{lead.email.length}} {{lead.custom.seats.x}}',
  '{{lead.constructor}} {{lead.__proto__}} {{lead.custom.tags.length}} {{constructor}} {{toString}}',
  '{{this.lead.firstName}} {{./lead.country}} {{unsubscribeUrl}} {{nothing}}',
  '  {{~lead.firstName~}}  ,\n{{! a note }}\n  {{!-- and a long one --}}  \nline \\{{lead.firstName}} end',
  'No tags at all {single|brace} } {',
  '{{lead}}',
];
const notPlain = [
  '{{#if lead.company}}at {{lead.company}}{{else}}hi{{/if}}',
  '{{#unless lead.firstName}}there{{/unless}}',
  '{{if}} {{default}}',
  '{{@root.lead.firstName}}',
  '{{default lead.firstName}}',
  '{{default lead.firstName "a" "b"}}',
  '{{default (default lead.firstName lead.title) "x"}}',
  '{{default lead.firstName fallback="x"}}',
  '{{"literal"}}',
  '{{this}}',
  '{{each}}',
  '{{> partial}}',
];

describe('plainTemplate', () => {
  it.each(plain.flatMap((source) => [true, false].map((escape) => [source, escape] as const)))(
    'renders %j (escaped: %s) exactly as Handlebars does',
    (source, escape) => {
      const render = plainTemplate(source, escape, helperNames);
      expect(render).toBeDefined();
      for (const data of [context, emptyContext]) expect(render!(data)).toBe(handlebarsTemplate(source, escape)(data));
    },
  );

  it.each(notPlain)('leaves %j to Handlebars', (source) => {
    expect(plainTemplate(source, true, helperNames)).toBeUndefined();
    expect(plainTemplate(source, false, helperNames)).toBeUndefined();
  });

  it('calls a function found in the data with the context, as Handlebars does', () => {
    const withFunction = {
      lead: {
        firstName: function (this: { greeting: string }) {
          return this.greeting;
        },
      },
      greeting: 'Hello <you>',
    };
    for (const escape of [true, false])
      expect(plainTemplate('{{lead.firstName}}!', escape, helperNames)!(withFunction)).toBe(
        handlebarsTemplate('{{lead.firstName}}!', escape)(withFunction),
      );
  });
});
