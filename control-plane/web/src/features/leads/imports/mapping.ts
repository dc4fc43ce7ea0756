import type { components } from '@/lib/api/schema';

export type ColumnMapping = components['schemas']['ColumnMapping'];
type Lead = components['schemas']['Lead'];

/** What a column may feed besides a custom field: the lead's own fields, as the import API names them. */
export const fieldTargets = [
  { value: 'email', label: 'Email' },
  { value: 'firstName', label: 'First name' },
  { value: 'lastName', label: 'Last name' },
  { value: 'fullName', label: 'Full name (split into first and last)' },
  { value: 'company', label: 'Company' },
  { value: 'title', label: 'Job title' },
  { value: 'phone', label: 'Phone' },
  { value: 'website', label: 'Website' },
  { value: 'linkedinUrl', label: 'LinkedIn URL' },
  { value: 'timezone', label: 'Time zone' },
  { value: 'city', label: 'City' },
  { value: 'country', label: 'Country' },
  { value: 'tags', label: 'Tags' },
] as const satisfies ReadonlyArray<{ value: keyof Lead | 'fullName'; label: string }>;

export type FieldTarget = (typeof fieldTargets)[number]['value'];

/** The choice a column's select shows: a field, a custom field (named beside it) or nothing. */
export type TargetChoice = FieldTarget | 'custom' | 'ignore';

const customPrefix = 'custom:';
const fieldLabels = new Map<string, string>(fieldTargets.map((field) => [field.value, field.label]));

export function choiceOf(target: string): TargetChoice {
  if (target === 'ignore') return 'ignore';
  if (target.startsWith(customPrefix)) return 'custom';
  return fieldLabels.has(target) ? (target as FieldTarget) : 'custom';
}

/** The custom field a column feeds ("custom:Notes" -> "Notes"); '' for any other target. */
export function customNameOf(target: string): string {
  return target.startsWith(customPrefix) ? target.slice(customPrefix.length) : '';
}

export function targetLabel(target: string): string {
  if (target === 'ignore') return 'Not imported';
  if (target.startsWith(customPrefix)) return `Custom field “${customNameOf(target)}”`;
  return fieldLabels.get(target) ?? target;
}

/** A column's new target after the user picks a choice; a custom field starts named after the column. */
export function withChoice(mapping: readonly ColumnMapping[], index: number, choice: TargetChoice): ColumnMapping[] {
  return mapping.map((entry, at) => {
    if (at !== index) return entry;
    if (choice !== 'custom') return { ...entry, target: choice };
    const current = customNameOf(entry.target);
    return { ...entry, target: `${customPrefix}${current || entry.header.trim() || `column_${entry.column + 1}`}` };
  });
}

export function withCustomName(mapping: readonly ColumnMapping[], index: number, name: string): ColumnMapping[] {
  return mapping.map((entry, at) => (at === index ? { ...entry, target: `${customPrefix}${name}` } : entry));
}

/** Up to `count` non-empty values of a column from the preview rows, to show what it holds. */
export function sampleValues(rows: readonly string[][], column: number, count = 3): string[] {
  const values: string[] = [];
  for (const row of rows) {
    const value = row[column]?.trim();
    if (value) values.push(value);
    if (values.length === count) break;
  }
  return values;
}

export interface MappingProblems {
  /** Per mapping index: what is wrong with that column's target. */
  byColumn: Map<number, string>;
  /** What is wrong with the mapping as a whole. */
  overall: string[];
}

/**
 * The rules the API checks at commit (each field fed by one column at most, one email column, a full
 * name or first/last names, not both), said before the user gets that far, on the column at fault.
 */
export function mappingProblems(mapping: readonly ColumnMapping[]): MappingProblems {
  const byColumn = new Map<number, string>();
  const overall: string[] = [];
  const fedBy = new Map<string, ColumnMapping>();
  mapping.forEach((entry, index) => {
    if (entry.target === 'ignore') return;
    if (entry.target.startsWith(customPrefix) && customNameOf(entry.target).trim() === '') {
      byColumn.set(index, 'Name the custom field');
      return;
    }
    const first = fedBy.get(entry.target);
    if (first)
      byColumn.set(index, `${targetLabel(entry.target)} is already imported from “${first.header || `column ${first.column + 1}`}”`);
    else fedBy.set(entry.target, entry);
  });
  if (!fedBy.has('email')) overall.push('Choose the column that holds the email addresses: every lead needs one.');
  if (fedBy.has('fullName') && (fedBy.has('firstName') || fedBy.has('lastName'))) {
    overall.push('Import either a full name or first and last names, not both.');
  }
  return { byColumn, overall };
}

export function isUsable(problems: MappingProblems): boolean {
  return problems.byColumn.size === 0 && problems.overall.length === 0;
}

/** The API's issues at `mapping.<index>.target` (or `.column`), by index; others are for the whole mapping. */
export function serverMappingProblems(issues: ReadonlyArray<{ path: string; message: string }>): MappingProblems {
  const byColumn = new Map<number, string>();
  const overall: string[] = [];
  for (const issue of issues) {
    const match = /^mapping\.(\d+)(?:\.|$)/.exec(issue.path);
    if (match) byColumn.set(Number(match[1]), issue.message);
    else if (issue.path === 'mapping' || issue.path.startsWith('mapping')) overall.push(issue.message);
  }
  return { byColumn, overall };
}
