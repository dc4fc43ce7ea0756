/**
 * Column mapping: which CSV column feeds which lead field. The proposal matches header names
 * fuzzily against the variants real exports use; anything unrecognised becomes a custom field.
 */
import type { FieldIssue } from '../../../lib/errors.js';
import { standardFields, type StandardField } from '../leadFields.js';
import { isAddressCell } from './csvFormat.js';

export type MappingTarget = 'email' | StandardField | 'fullName' | 'tags' | 'ignore' | `custom:${string}`;

export interface ColumnMapping {
  column: number;
  header: string;
  target: MappingTarget;
}

type KnownTarget = Exclude<MappingTarget, 'ignore' | `custom:${string}`>;

/** Header variants, compared after lower-casing and dropping everything but letters and digits. */
const aliases: Record<KnownTarget, string[]> = {
  email: [
    'email',
    'emailaddress',
    'mail',
    'workemail',
    'businessemail',
    'primaryemail',
    'contactemail',
    'email1',
    'emailaddress1',
    'personalemail',
    'courriel',
    'emailid',
  ],
  firstName: ['firstname', 'first', 'givenname', 'fname', 'forename', 'prenom', 'vorname', 'nombre'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname', 'nom', 'nachname', 'apellido', 'apellidos'],
  fullName: ['name', 'fullname', 'contactname', 'contact', 'leadname', 'person', 'personname'],
  company: [
    'company',
    'companyname',
    'organization',
    'organisation',
    'organizationname',
    'account',
    'accountname',
    'employer',
    'business',
    'firm',
    'entreprise',
    'societe',
    'firma',
    'empresa',
  ],
  title: ['title', 'jobtitle', 'position', 'role', 'designation', 'headline', 'jobrole'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'telephone',
    'tel',
    'cell',
    'cellphone',
    'workphone',
    'directphone',
    'directdial',
  ],
  website: ['website', 'domain', 'companywebsite', 'companydomain', 'url', 'web', 'site', 'websiteurl', 'homepage', 'companyurl'],
  linkedinUrl: ['linkedin', 'linkedinurl', 'linkedinprofile', 'linkedinprofileurl', 'personlinkedinurl', 'profileurl', 'liurl'],
  timezone: ['timezone', 'tz', 'zone', 'ianatimezone'],
  city: ['city', 'town', 'locality'],
  country: ['country', 'countryname', 'countrycode', 'nation'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

/** Words that, inside a longer header, still identify the field ("Contact E-mail (work)"). */
const containedWords: Array<[string, KnownTarget]> = [
  ['email', 'email'],
  ['linkedin', 'linkedinUrl'],
  ['firstname', 'firstName'],
  ['lastname', 'lastName'],
  ['timezone', 'timezone'],
  ['jobtitle', 'title'],
  ['company', 'company'],
  ['website', 'website'],
  ['phone', 'phone'],
];

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function matchHeader(header: string): KnownTarget | undefined {
  const key = normalizeHeader(header);
  if (!key) return undefined;
  for (const [target, variants] of Object.entries(aliases) as Array<[KnownTarget, string[]]>) {
    if (variants.includes(key)) return target;
  }
  for (const [word, target] of containedWords) if (key.includes(word)) return target;
  // One typo in a long enough header ("Emial Address", "Compnay").
  for (const [target, variants] of Object.entries(aliases) as Array<[KnownTarget, string[]]>) {
    if (variants.some((variant) => variant.length >= 5 && editDistanceAtMostOne(key, variant))) return target;
  }
  return undefined;
}

export function customFieldKey(header: string, column: number): string {
  const key = header.trim().slice(0, 100);
  return key || `column_${column + 1}`;
}

/**
 * Proposes a mapping: each field is fed by at most one column (the first that matches), a full-name
 * column is used only when there are no separate first/last name columns, and without a recognisable
 * email header the column whose sample values are addresses is taken.
 */
export function proposeMapping(headers: string[], sampleRows: string[][]): ColumnMapping[] {
  const matched = headers.map((header) => matchHeader(header));
  const taken = new Set<KnownTarget>();
  const hasSplitName = matched.includes('firstName') || matched.includes('lastName');
  const mapping: ColumnMapping[] = headers.map((header, column) => {
    let target = matched[column];
    if (target === 'fullName' && hasSplitName) target = undefined;
    if (target && !taken.has(target)) {
      taken.add(target);
      return { column, header, target };
    }
    return { column, header, target: `custom:${customFieldKey(header, column)}` as MappingTarget };
  });
  if (!taken.has('email')) {
    const addressColumn = headers.findIndex((_, column) => {
      const values = sampleRows.map((row) => row[column] ?? '').filter((value) => value !== '');
      return values.length > 0 && values.filter(isAddressCell).length >= values.length / 2;
    });
    if (addressColumn >= 0) mapping[addressColumn] = { ...mapping[addressColumn]!, target: 'email' };
  }
  return dedupeCustomKeys(mapping);
}

/** Two columns both called "Notes" become "Notes" and "Notes (2)". */
function dedupeCustomKeys(mapping: ColumnMapping[]): ColumnMapping[] {
  const seen = new Map<string, number>();
  return mapping.map((entry) => {
    if (!entry.target.startsWith('custom:')) return entry;
    const key = entry.target.slice('custom:'.length);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? entry : { ...entry, target: `custom:${key} (${count})` as MappingTarget };
  });
}

export function isStandardField(target: string): target is StandardField {
  return (standardFields as readonly string[]).includes(target);
}

/** Problems with a (possibly user-edited) mapping, as field issues; empty when it is usable. */
export function mappingProblems(mapping: ColumnMapping[], columnCount: number): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const used = new Map<string, number>();
  mapping.forEach((entry, index) => {
    if (entry.column >= columnCount) problems.push({ path: `mapping.${index}.column`, message: `The file has ${columnCount} columns` });
    if (entry.target === 'ignore') return;
    const previous = used.get(entry.target);
    if (previous !== undefined)
      problems.push({ path: `mapping.${index}.target`, message: `${entry.target} is already fed by column ${previous + 1}` });
    used.set(entry.target, entry.column);
  });
  if (!used.has('email')) problems.push({ path: 'mapping', message: 'One column must be mapped to email' });
  if (used.has('fullName') && (used.has('firstName') || used.has('lastName'))) {
    problems.push({ path: 'mapping', message: 'Map either a full name or first/last name columns, not both' });
  }
  return problems;
}
