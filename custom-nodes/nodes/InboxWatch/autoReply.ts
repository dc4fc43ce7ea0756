import { headerValue, type MimePart } from './mime';

/**
 * Subjects of out-of-office and automatic replies, for senders that set none of the RFC 3834
 * headers. Matched case-insensitively against the decoded subject (English, German, French,
 * Spanish, Italian, Dutch).
 */
const AUTO_REPLY_SUBJECTS: RegExp[] = [
	/\bout of (the )?office\b/i,
	/\bautomatic reply\b/i,
	/\bauto[- ]?reply\b/i,
	/\bauto[- ]?response\b/i,
	/\b(away|absent) from (the )?office\b/i,
	/\bon (vacation|holiday|leave)\b/i,
	/\babwesenheit/i,
	/\bautomatische antwort\b/i,
	/\bnicht im büro\b/i,
	/\babsence du bureau\b/i,
	/\bréponse automatique\b/i,
	/\bmessage d'absence\b/i,
	/\bfuera de la oficina\b/i,
	/\brespuesta automática\b/i,
	/\bausente\b/i,
	/\bfuori ufficio\b/i,
	/\brisposta automatica\b/i,
	/\bafwezig\b/i,
	/\bautomatisch antwoord\b/i,
];

/** Precedence values an auto-responder sets (list traffic uses `list`, which is not an auto-reply). */
const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);

/** Why a message is an automatic reply (header or subject, as evidence), or null for a human one. */
export function autoReplySignal(message: MimePart): string | null {
	const autoSubmitted = headerValue(message.headers, 'Auto-Submitted');
	if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
	for (const name of ['X-Autoreply', 'X-Autorespond', 'X-Autoresponder']) {
		const value = headerValue(message.headers, name);
		if (value !== undefined) return `${name}: ${value}`;
	}
	const precedence = headerValue(message.headers, 'Precedence');
	if (precedence && AUTO_PRECEDENCE.has(precedence.toLowerCase())) return `Precedence: ${precedence}`;
	// Exchange marks its out-of-office answers with this header (it asks others not to auto-answer them).
	const suppress = headerValue(message.headers, 'X-Auto-Response-Suppress');
	if (suppress && /\b(all|oof)\b/i.test(suppress)) return `X-Auto-Response-Suppress: ${suppress}`;
	const subject = headerValue(message.headers, 'Subject') ?? '';
	const matched = AUTO_REPLY_SUBJECTS.find((pattern) => pattern.test(subject));
	return matched ? `Subject: ${subject}` : null;
}
