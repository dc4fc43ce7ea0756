/**
 * Turns one CSV record into a validated lead row, or the reason it is rejected. Pure and
 * allocation-light: it runs once per row of million-row files.
 */
import {
  emailDomain,
  emailProblem,
  fieldLabels,
  maxCustomFields,
  maxLength,
  normalizeEmail,
  splitFullName,
  splitTags,
  standardFields,
  type StandardField,
} from '../leadFields.js';
import { parseTimezone } from '../../../lib/timezone.js';
import { isStandardField, type ColumnMapping } from './headerMapping.js';

export interface LeadRow {
  email: string;
  domain: string;
  /** In `standardFields` order; null when the file has no value. */
  fields: Array<string | null>;
  custom: Record<string, string> | null;
  tags: string[] | null;
}

export type RowResult = { ok: true; row: LeadRow } | { ok: false; error: string };

const fieldIndex = new Map<StandardField, number>(standardFields.map((field, index) => [field, index]));
const firstNameIndex = fieldIndex.get('firstName')!;
const lastNameIndex = fieldIndex.get('lastName')!;
const timezoneIndex = fieldIndex.get('timezone')!;

function tooLong(field: StandardField): string {
  return `${fieldLabels[field]} is longer than ${maxLength[field]} characters`;
}

export interface RowReader {
  read(record: string[]): RowResult;
}

export function createRowReader(mapping: ColumnMapping[]): RowReader {
  const emailColumn = mapping.find((entry) => entry.target === 'email')!.column;
  const standard = mapping.flatMap((entry) =>
    isStandardField(entry.target) ? [{ column: entry.column, field: entry.target, index: fieldIndex.get(entry.target)! }] : [],
  );
  const fullNameColumn = mapping.find((entry) => entry.target === 'fullName')?.column;
  const tagsColumn = mapping.find((entry) => entry.target === 'tags')?.column;
  const custom = mapping.flatMap((entry) =>
    entry.target.startsWith('custom:') ? [{ column: entry.column, key: entry.target.slice(7) }] : [],
  );
  if (custom.length > maxCustomFields) throw new Error(`At most ${maxCustomFields} custom fields`);

  return {
    read(record) {
      const email = normalizeEmail(record[emailColumn] ?? '');
      const problem = emailProblem(email);
      if (problem) return { ok: false, error: problem };

      const fields: Array<string | null> = new Array(standardFields.length).fill(null);
      for (const { column, field, index } of standard) {
        const value = record[column];
        if (!value) continue;
        if (value.length > maxLength[field]) return { ok: false, error: tooLong(field) };
        fields[index] = value;
      }
      if (fullNameColumn !== undefined && record[fullNameColumn]) {
        const { firstName, lastName } = splitFullName(record[fullNameColumn]);
        if (firstName.length > maxLength.firstName) return { ok: false, error: tooLong('firstName') };
        if (lastName.length > maxLength.lastName) return { ok: false, error: tooLong('lastName') };
        fields[firstNameIndex] = firstName || null;
        fields[lastNameIndex] = lastName || null;
      }
      const timezone = fields[timezoneIndex];
      if (timezone) {
        const parsed = parseTimezone(timezone);
        if (!parsed.ok) return { ok: false, error: parsed.message };
        fields[timezoneIndex] = parsed.timezone;
      }

      let customValues: Record<string, string> | null = null;
      for (const { column, key } of custom) {
        const value = record[column];
        if (!value) continue;
        if (value.length > maxLength.customValue)
          return { ok: false, error: `The custom field "${key}" is longer than ${maxLength.customValue} characters` };
        (customValues ??= {})[key] = value;
      }

      let tags: string[] | null = null;
      if (tagsColumn !== undefined && record[tagsColumn]) {
        tags = splitTags(record[tagsColumn]);
        if (tags.some((tag) => tag.length > maxLength.tag)) return { ok: false, error: `A tag is longer than ${maxLength.tag} characters` };
      }
      return { ok: true, row: { email, domain: emailDomain(email), fields, custom: customValues, tags } };
    },
  };
}

/** Merges a later occurrence of the same address into the first: it only fills what is still empty. */
export function mergeInto(first: LeadRow, later: LeadRow): void {
  for (let index = 0; index < first.fields.length; index += 1) first.fields[index] ??= later.fields[index] ?? null;
  if (later.custom) first.custom = { ...later.custom, ...first.custom };
  if (later.tags) first.tags = [...new Set([...(first.tags ?? []), ...later.tags])];
}
