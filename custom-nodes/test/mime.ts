import type { ParsedMail } from 'mailparser';

/** The raw header lines for one header name, as mailparser saw them (folded lines keep their CRLF). */
export function headerLines(parsed: ParsedMail, name: string): string[] {
	return parsed.headerLines.filter((header) => header.key === name.toLowerCase()).map((header) => header.line);
}
