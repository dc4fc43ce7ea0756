import { describe, expect, it } from 'vitest';
import { suppressionSourceLabel } from './suppressionSources';

describe('suppressionSourceLabel', () => {
  it('names the sources the server records in plain words and keeps a CSV’s own source as written', () => {
    expect(['manual', 'csv import', 'one-click', 'inbox:bounced', 'old tool', null].map(suppressionSourceLabel)).toEqual([
      'Added in Ophir',
      'CSV import',
      'One-click unsubscribe',
      'Bounce in the inbox',
      'old tool',
      '',
    ]);
  });
});
