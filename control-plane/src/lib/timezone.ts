import { z } from 'zod';
import { nearestOption } from './nearest.js';

/**
 * The one place a time zone typed by a person becomes the IANA name the schedules use.
 *
 * Intl accepts the tz database's legacy names, and those are not what people mean by them: `EST` is a
 * fixed UTC-5 linked to America/Panama (no daylight saving), `CET` is Europe/Brussels. A lead in New York
 * stored as America/Panama would get mail an hour early half the year. So only Area/Location names (and
 * UTC/GMT) are accepted; abbreviations are refused with the IANA names they usually stand for.
 */
const abbreviationMeanings: Record<string, string[]> = {
  est: ['America/New_York', 'America/Toronto'],
  edt: ['America/New_York', 'America/Toronto'],
  et: ['America/New_York'],
  cst: ['America/Chicago', 'America/Mexico_City', 'Asia/Shanghai'],
  cdt: ['America/Chicago'],
  ct: ['America/Chicago'],
  mst: ['America/Denver', 'America/Phoenix'],
  mdt: ['America/Denver'],
  mt: ['America/Denver'],
  pst: ['America/Los_Angeles', 'America/Vancouver'],
  pdt: ['America/Los_Angeles'],
  pt: ['America/Los_Angeles'],
  akst: ['America/Anchorage'],
  hst: ['Pacific/Honolulu'],
  ast: ['America/Halifax', 'Asia/Riyadh'],
  bst: ['Europe/London'],
  ist: ['Asia/Kolkata', 'Europe/Dublin'],
  wet: ['Europe/Lisbon'],
  west: ['Europe/Lisbon'],
  cet: ['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid'],
  cest: ['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid'],
  met: ['Europe/Paris', 'Europe/Berlin'],
  eet: ['Europe/Athens', 'Europe/Helsinki', 'Africa/Cairo'],
  eest: ['Europe/Athens', 'Europe/Helsinki'],
  msk: ['Europe/Moscow'],
  sgt: ['Asia/Singapore'],
  hkt: ['Asia/Hong_Kong'],
  jst: ['Asia/Tokyo'],
  kst: ['Asia/Seoul'],
  aest: ['Australia/Sydney', 'Australia/Brisbane'],
  aedt: ['Australia/Sydney'],
  acst: ['Australia/Adelaide'],
  awst: ['Australia/Perth'],
  nzst: ['Pacific/Auckland'],
  nzdt: ['Pacific/Auckland'],
};

const zeroOffsetNames = new Set(['utc', 'gmt', 'etc/utc', 'etc/gmt']);
const examples = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo'];

/** Refused: why, and the IANA name most likely meant when there is one. */
export type TimezoneParse = { ok: true; timezone: string } | { ok: false; message: string; suggestion?: string };

const cache = new Map<string, TimezoneParse>();

function intlName(value: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function parseUncached(value: string): TimezoneParse {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (zeroOffsetNames.has(lower)) return { ok: true, timezone: 'UTC' };
  if (!trimmed.includes('/')) {
    // Abbreviations and the legacy rule names (EST5EDT): ambiguous about daylight saving, or about the country.
    const key = lower.replace(/\d.*$/, '');
    const meanings = abbreviationMeanings[key] ?? abbreviationMeanings[lower];
    return {
      ok: false,
      message: `"${trimmed}" is an abbreviation, not a time zone: it does not say which place's daylight-saving rules apply. Use an IANA name such as ${(meanings ?? examples).join(' or ')}`,
      ...(meanings ? { suggestion: meanings[0] } : {}),
    };
  }
  const timezone = intlName(trimmed);
  if (timezone) return { ok: true, timezone };
  const nearest = nearestOption(trimmed, Intl.supportedValuesOf('timeZone'));
  return {
    ok: false,
    message: `Unknown time zone "${trimmed}"; use an IANA name such as ${nearest ? `${nearest} (did you mean it?)` : examples.join(' or ')}`,
    ...(nearest ? { suggestion: nearest } : {}),
  };
}

/** The canonical IANA name for what a person typed, or why it is refused. Cached: an import repeats a handful of values. */
export function parseTimezone(value: string): TimezoneParse {
  const cached = cache.get(value);
  if (cached) return cached;
  const parsed = parseUncached(value);
  if (cache.size < 10_000) cache.set(value, parsed);
  return parsed;
}

/** A time zone in a request body: answers the canonical IANA name, or an issue that suggests one. */
export const timezoneSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const parsed = parseTimezone(value);
    if (parsed.ok) return parsed.timezone;
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { suggestion: parsed.suggestion } });
    return z.NEVER;
  })
  .describe('An IANA time zone such as Europe/Paris; abbreviations such as EST or CET are refused');
