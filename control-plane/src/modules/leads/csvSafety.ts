/**
 * CSV formula injection (OWASP): a spreadsheet evaluates a cell that starts with = + - @ (and, in
 * some, a leading tab or carriage return) as a formula. Prefixing a single quote makes it text.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}
