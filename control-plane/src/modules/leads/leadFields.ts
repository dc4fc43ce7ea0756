/**
 * The lead's standard fields, their length limits, and the per-value validation shared by the CSV
 * import, the leads API and the suppression list.
 */

export const standardFields = [
  'firstName',
  'lastName',
  'company',
  'title',
  'phone',
  'website',
  'linkedinUrl',
  'timezone',
  'city',
  'country',
] as const;

export type StandardField = (typeof standardFields)[number];

/** Longest accepted value per field; longer input is rejected, never silently cut. */
export const maxLength: Record<StandardField | 'email' | 'customValue' | 'tag', number> = {
  email: 254,
  firstName: 100,
  lastName: 100,
  company: 200,
  title: 200,
  phone: 50,
  website: 500,
  linkedinUrl: 500,
  timezone: 64,
  city: 100,
  country: 100,
  customValue: 2000,
  tag: 50,
};

/** How a marketer calls each field in messages about it: the import's problems, say. */
export const fieldLabels: Record<StandardField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  title: 'Job title',
  phone: 'Phone',
  website: 'Website',
  linkedinUrl: 'LinkedIn URL',
  timezone: 'Time zone',
  city: 'City',
  country: 'Country',
};

export const maxCustomFields = 100;

// Practical syntax check (no network lookups): a dot-atom local part and a host name with a
// letter-only TLD. Quoted local parts and IP literals are valid per RFC 5321 but never appear in
// cold-outreach lists, and accepting them would let typos through.
const emailPattern =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lower-cased and trimmed; `mailto:` prefixes that some CRMs export are dropped. */
export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  return trimmed.startsWith('mailto:') ? trimmed.slice(7) : trimmed;
}

/** Returns the problem with a normalized address, or undefined when it is acceptable. */
export function emailProblem(email: string): string | undefined {
  if (email === '') return 'The email address is missing';
  if (email.length > maxLength.email) return `The email address is longer than ${maxLength.email} characters`;
  if (!emailPattern.test(email)) return 'The email address is not valid';
  if (email.indexOf('@') > 64) return 'The email address has more than 64 characters before the @';
  return undefined;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

const domainPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Accepts `example.com`, `@example.com` or a URL, and returns the bare lower-cased host. */
export function normalizeDomain(raw: string): string {
  let value = raw.trim().toLowerCase();
  if (value.startsWith('@')) value = value.slice(1);
  value = value.replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '');
  return value.startsWith('www.') ? value.slice(4) : value;
}

export function isValidDomain(domain: string): boolean {
  return domain.length <= 253 && domainPattern.test(domain);
}

/** Splits "Ada Lovelace" / "Lovelace, Ada" into first and last names. */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const value = full.trim().replace(/\s+/g, ' ');
  const comma = value.indexOf(',');
  if (comma > 0) return { firstName: value.slice(comma + 1).trim(), lastName: value.slice(0, comma).trim() };
  const space = value.indexOf(' ');
  if (space < 0) return { firstName: value, lastName: '' };
  return { firstName: value.slice(0, space), lastName: value.slice(space + 1) };
}

/** Tags are free text; a cell may hold several separated by commas, semicolons or pipes. */
export function splitTags(cell: string): string[] {
  const tags: string[] = [];
  for (const part of cell.split(/[,;|]/)) {
    const tag = part.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
