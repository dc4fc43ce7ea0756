import { describe, expect, it } from 'vitest';
import { compactDateTime } from './dates';

// Dates built from local parts, so the time shown is the same in every time zone.
const now = new Date(2026, 11, 5, 9, 0);

describe('compactDateTime', () => {
  it('leaves out the year of a moment this year', () => {
    expect(compactDateTime(new Date(2026, 11, 5, 5, 21), now, 'en-US')).toBe('Dec 5, 5:21 AM');
  });

  it('shows the year, not the time, of a moment in another year', () => {
    expect(compactDateTime(new Date(2025, 11, 5, 5, 21), now, 'en-US')).toBe('Dec 5, 2025');
  });

  it('follows the locale it is given', () => {
    expect(compactDateTime(new Date(2026, 11, 5, 17, 21), now, 'de-DE')).toBe('5. Dez., 17:21');
  });
});
