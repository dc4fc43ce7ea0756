import { describe, expect, it } from 'vitest';
import { compactDateTime, timeSpanIn } from './dates';

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

describe('timeSpanIn', () => {
  const opens = new Date('2026-12-05T08:00:00Z');
  const closes = new Date('2026-12-05T16:00:00Z');

  // ICU puts narrow and thin no-break spaces around the times; compared as plain spaces.
  const spaced = (text: string) => text.replace(/\s/g, ' ');

  it('reads the span on the clock of the zone it is given', () => {
    expect(spaced(timeSpanIn('Europe/Berlin', opens, closes, 'en-US'))).toBe('Sat, Dec 5, 9:00 AM – 5:00 PM');
    expect(spaced(timeSpanIn('America/New_York', opens, closes, 'en-US'))).toBe('Sat, Dec 5, 3:00 – 11:00 AM');
  });

  it('follows the locale it is given', () => {
    expect(spaced(timeSpanIn('Europe/Berlin', opens, closes, 'de-DE'))).toBe('Sa., 5. Dez., 09:00–17:00 Uhr');
  });
});
