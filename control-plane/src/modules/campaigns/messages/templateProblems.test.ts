import { describe, expect, it } from 'vitest';
import { renderMessage } from './renderMessage.js';
import { templateProblems } from './templateProblems.js';

const messages = (source: string, requireUnsubscribeLink = false) =>
  templateProblems(source, { requireUnsubscribeLink }).map((p) => p.message);

describe('templateProblems', () => {
  it('accepts what the renderer provides: lead fields, custom fields, the link, default, if/unless, spintax', () => {
    const source = [
      '{Hi|Hello|Hey} {{default lead.firstName "there"}},',
      '{{#if lead.company}}How is {{lead.company}}?{{else}}How are you?{{/if}}',
      '{{#unless lead.title}}.{{/unless}} {{lead.custom.plan}} {{lead.custom.[Company Size]}} {{{lead.website}}}',
      '{{! a comment }}{{default (default lead.city lead.country) "your city"}}',
      'Bye: {{unsubscribeUrl}}',
    ].join('\n');
    expect(templateProblems(source, { requireUnsubscribeLink: true })).toEqual([]);
  });

  it('names unknown variables with their line, and suggests the lead. prefix or the variable a typo meant', () => {
    expect(templateProblems('Hi {{lead.fristName}}\n{{firstName}} {{company.name}}')).toEqual([
      { message: 'Unknown variable "lead.fristName"; did you mean "lead.firstName"?', line: 1 },
      { message: 'Unknown variable "firstName"; did you mean "lead.firstName"?', line: 2 },
      { message: 'Unknown variable "company.name"; use lead.<field>, lead.custom.<name> or unsubscribeUrl', line: 2 },
    ]);
    expect(messages('{{unsubscribeURL}} {{lead.compnay}} {{lead.phone}}')).toEqual([
      'Unknown variable "unsubscribeURL"; did you mean "unsubscribeUrl"?',
      'Unknown variable "lead.compnay"; did you mean "lead.company"?',
      'Unknown variable "lead.phone"; use lead.<field>, lead.custom.<name> or unsubscribeUrl',
    ]);
    expect(messages('{{@root.lead}} {{this}} {{../lead.email}}')).toHaveLength(3);
    expect(messages('{{lead.custom}} {{lead.custom.a.b}} {{lead.email.length}}')).toHaveLength(3);
  });

  it('refuses helpers the renderer does not have, arguments to variables, partials and context-changing blocks', () => {
    expect(messages('{{uppercase lead.firstName}}')).toEqual(['Unknown helper "uppercase"; available here: default']);
    expect(messages('{{lead.firstName "x"}}')).toEqual(['"lead.firstName" is a variable and takes no arguments']);
    expect(messages('{{#each lead.company}}x{{/each}}')).toEqual(['Unknown helper "each"; available here: if, unless']);
    expect(messages('{{> footer}}')).toEqual(['Partials ({{> name}}) are not supported']);
    expect(messages('{{default lead.nope "x"}}')).toEqual([expect.stringContaining('Unknown variable "lead.nope"')]);
  });

  it("says a syntax error in a marketer's words, at its line and column", () => {
    expect(templateProblems('ok\nHi {{lead.firstName')).toEqual([
      { message: 'An opening `{{` at line 2, column 4 is never closed; end it with `}}`, as in {{lead.firstName}}', line: 2, column: 4 },
    ]);
    expect(templateProblems('Hi {{lead.firstName}\nBye {{unsubscribeUrl}}')[0]).toMatchObject({
      message: expect.stringMatching(/^An opening `\{\{` at line 1, column 4 is never closed/),
      line: 1,
      column: 4,
    });
    expect(templateProblems('Hi\n  {{#if lead.company}}x{{/unless}}')).toEqual([
      {
        message: '`{{#if}}` opened at line 2, column 3 is closed by `{{/unless}}` at line 2, column 24; close it with `{{/if}}`',
        line: 2,
        column: 24,
      },
    ]);
    expect(messages('{{#if lead.company}}x')).toEqual([
      '`{{#if}}` at line 1, column 1 is never closed; add `{{/if}}` where its part of the message ends',
    ]);
    expect(messages('x {{/if}}')).toEqual(['`{{/if}}` at line 1, column 3 closes a `{{#if}}` that was never opened']);
    expect(messages('Hi {{}}')).toEqual([
      '`{{}}` at line 1, column 4 is empty; put a variable between the braces, as in {{lead.firstName}}',
    ]);
    expect(messages('Hi {{lead.firstName)}} there')).toEqual([
      expect.stringMatching(/^`\{\{lead.firstName\)\}\}` at line 1, column 4 cannot be read/),
    ]);
    for (const message of messages('a {{#if x}}{{else}}{{else}}{{/if}} {{lead.firstName)}}'))
      expect(message).not.toMatch(/Expecting|INVALID|CLOSE/);
  });

  it('reports unbalanced spintax, and a variable inside a spintax group (which would be sent with its braces)', () => {
    expect(messages('{Hi|Hello there')).toEqual(['Unbalanced spintax: a spintax group "{...|...}" is not closed']);
    expect(messages('Hi|Hello} there')).toEqual(['Unbalanced spintax: a "}" closes a spintax group that was never opened']);
    const literal = '{Hi {{lead.firstName}}|Hello}';
    expect(
      renderMessage({
        subject: literal,
        bodyText: '',
        bodyHtml: null,
        seed: 's',
        lead: {
          id: '1',
          email: 'a@b.c',
          firstName: 'Ann',
          lastName: null,
          company: null,
          title: null,
          website: null,
          city: null,
          country: null,
          customFields: {},
        },
      }).subject,
    ).toBe('{Hi Ann|Hello}');
    expect(templateProblems(`x\n${literal}`)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('cannot contain a {{variable}}') }),
    ]);
    expect(messages('{{{lead.company}}} {Hi|Hello}')).toEqual([]);
  });

  it('requires an unconditional unsubscribe link when asked', () => {
    expect(messages('No link here', true)).toEqual([expect.stringContaining('requires an unsubscribe link')]);
    expect(messages('{{#if lead.company}}{{unsubscribeUrl}}{{/if}}', true)).toEqual([expect.stringContaining('outside any {{#if}}')]);
    expect(messages('<a href="{{unsubscribeUrl}}">Unsubscribe</a>', true)).toEqual([]);
  });
});
