import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedDayBounds, zonedDayNumber } from './zonedDay.js';

const iso = (date: Date) => date.toISOString();

describe('zoned calendar days', () => {
  it('is the UTC day in UTC', () => {
    const { start, end } = zonedDayBounds(new Date('2026-05-10T17:45:00Z'), 'UTC');
    expect([iso(start), iso(end)]).toEqual(['2026-05-10T00:00:00.000Z', '2026-05-11T00:00:00.000Z']);
  });

  it('has 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = zonedDayBounds(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect([iso(spring.start), iso(spring.end)]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    const fall = zonedDayBounds(new Date('2026-10-25T12:00:00Z'), 'Europe/Paris');
    expect([iso(fall.start), iso(fall.end)]).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });

  it('answers each zone its own day when zones share a local date, asked again and again', () => {
    const instant = new Date('2026-05-10T12:00:00Z');
    for (let round = 0; round < 2; round += 1) {
      expect(iso(zonedDayBounds(instant, 'Europe/Paris').start)).toBe('2026-05-09T22:00:00.000Z');
      expect(iso(zonedDayBounds(instant, 'America/New_York').start)).toBe('2026-05-10T04:00:00.000Z');
      expect(iso(zonedDayBounds(instant, 'UTC').end)).toBe('2026-05-11T00:00:00.000Z');
    }
  });

  it('handles half-hour offsets and the day boundary itself', () => {
    const kolkata = zonedDayBounds(new Date('2026-01-01T18:29:59Z'), 'Asia/Kolkata');
    expect(iso(kolkata.start)).toBe('2025-12-31T18:30:00.000Z');
    expect(iso(zonedDayBounds(new Date('2026-01-01T18:30:00Z'), 'Asia/Kolkata').start)).toBe('2026-01-01T18:30:00.000Z');
  });

  it('always contains the instant, starts at its first instant, and consecutive days touch (DST at midnight included)', () => {
    const zones = [
      'UTC',
      'Europe/Paris',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/Sao_Paulo',
      'America/Santiago',
      'America/Havana',
      'Asia/Beirut',
    ];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const instant = new Date(ms);
        const { start, end } = zonedDayBounds(instant, zone);
        expect(start.getTime()).toBeLessThanOrEqual(ms);
        expect(end.getTime()).toBeGreaterThan(ms);
        expect(zonedDayNumber(new Date(start.getTime() - 1), zone)).toBe(zonedDayNumber(instant, zone) - 1);
        expect(zonedDayBounds(end, zone).start.getTime()).toBe(end.getTime());
        expect(zonedDayNumber(end, zone)).toBe(zonedDayNumber(instant, zone) + 1);
      }),
      { numRuns: 2000 },
    );
  });
});
