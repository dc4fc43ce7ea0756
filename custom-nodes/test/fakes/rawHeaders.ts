/** The header fields of a raw message as mail APIs hand them over: unfolded, values not decoded. */
export function rawHeaderFields(raw: string): Array<{ name: string; value: string }> {
	const headerText = raw.split(/\r?\n\r?\n/)[0] ?? '';
	return headerText
		.replace(/\r?\n[ \t]+/g, ' ')
		.split(/\r?\n/)
		.map((line) => ({ name: line.slice(0, line.indexOf(':')).trim(), value: line.slice(line.indexOf(':') + 1).trim() }))
		.filter((header) => header.name !== '');
}
