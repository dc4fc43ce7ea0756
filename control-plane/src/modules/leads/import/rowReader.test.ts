import { describe, expect, it } from 'vitest';
import { createRowReader } from './rowReader.js';

const reader = createRowReader([
  { column: 0, header: 'Email', target: 'email' },
  { column: 1, header: 'Job', target: 'title' },
  { column: 2, header: 'Name', target: 'fullName' },
  { column: 3, header: 'Labels', target: 'tags' },
]);

describe('a rejected row says why in a sentence that names the field as the web app labels it', () => {
  it.each([
    { record: ['ada@example.com', 'x'.repeat(201), '', ''], error: 'Job title is longer than 200 characters' },
    { record: ['ada@example.com', '', `${'x'.repeat(101)} Lovelace`, ''], error: 'First name is longer than 100 characters' },
    { record: ['ada@example.com', '', `Ada ${'x'.repeat(101)}`, ''], error: 'Last name is longer than 100 characters' },
    { record: ['ada@example.com', '', '', `vip, ${'x'.repeat(51)}`], error: 'A tag is longer than 50 characters' },
    { record: ['ada@', '', '', ''], error: 'The email address is not valid' },
  ])('$error', ({ record, error }) => {
    expect(reader.read(record)).toEqual({ ok: false, error });
  });

  it('accepts the same row within the limits', () => {
    expect(reader.read(['ada@example.com', 'Engineer', 'Ada Lovelace', 'vip']).ok).toBe(true);
  });
});
