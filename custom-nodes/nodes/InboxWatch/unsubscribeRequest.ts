/**
 * Phrases that ask us to stop, in the languages our users write to (English, German, French,
 * Spanish, Italian, Dutch, Portuguese). Only short replies count: a long answer that mentions
 * "unsubscribe" in passing is a conversation, and a human should read it.
 */
const UNSUBSCRIBE_PHRASES: RegExp[] = [
	/\bunsubscribe\b/i,
	/\bremove me\b/i,
	/\btake me off\b/i,
	/\bstop (e-?mailing|sending|contacting)\b/i,
	/\bopt[- ]?out\b/i,
	/\bdo not (contact|email|e-mail) me\b/i,
	/^\s*stop\s*[.!]?\s*$/im,
	/\babmelden\b/i,
	/\baustragen\b/i,
	/\bentfernen sie mich\b/i,
	/\bkeine (weiteren )?(e-?mails|nachrichten)\b/i,
	/\bdésabonner\b/i,
	/\bdésinscri(re|vez)\b/i,
	/\bretirez[- ]moi\b/i,
	/\bne plus recevoir\b/i,
	/\bdar(me)? de baja\b/i,
	/\bcancelar (la )?suscripción\b/i,
	/\beliminarme\b/i,
	/\bno me (envíen|envíe|escriban) más\b/i,
	/\bcancellami\b/i,
	/\bdisiscriv/i,
	/\bafmelden\b/i,
	/\bdescadastrar\b/i,
];

/** A reply longer than this (in words, quoted text excluded) is treated as a conversation. */
const MAX_WORDS = 40;

/**
 * The lead's own words: lines before the quoted original ("> ...", "On ... wrote:", "Am ...
 * schrieb", "Le ... a écrit", "El ... escribió", Outlook's "-----Original Message-----" / "From:").
 */
export function newTextOf(body: string): string {
	const lines: string[] = [];
	for (const line of body.split(/\r?\n/)) {
		if (/^\s*>/.test(line)) break;
		if (/^\s*(On|Am|Le|El|Il|Op)\b.*(wrote|schrieb|a écrit|escribió|ha scritto|schreef):?\s*$/i.test(line)) break;
		if (/^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)/i.test(line)) break;
		if (/^\s*(From|Von|De):\s/.test(line)) break;
		lines.push(line);
	}
	return lines.join('\n').trim();
}

/** The phrase that makes a short reply an unsubscribe request, or null. */
export function unsubscribePhrase(body: string): string | null {
	const text = newTextOf(body);
	if (text.split(/\s+/).filter(Boolean).length > MAX_WORDS) return null;
	for (const pattern of UNSUBSCRIBE_PHRASES) {
		const match = pattern.exec(text);
		if (match) return match[0].trim();
	}
	return null;
}
