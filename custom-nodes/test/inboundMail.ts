import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A raw inbound message from test/inbound/, with CRLF line ends as it arrives over the wire. */
export function inboundMail(name: string): string {
	return readFileSync(join(__dirname, 'inbound', `${name}.eml`), 'utf8').replace(/\r?\n/g, '\r\n');
}
