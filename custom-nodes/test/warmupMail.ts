/** A warm-up message as another mailbox writes it to alice@sender.example: plain text, the tag as a header (unless dropped) and in the body. */
export function warmupMail(options: { from: string; tag: string; header: boolean; inReplyTo?: string }): string {
	return [
		`From: <${options.from}>`,
		'To: <alice@sender.example>',
		'Subject: Thursday',
		`Message-ID: <warmup.${options.tag}@peer.example>`,
		...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`, `References: ${options.inReplyTo}`] : []),
		...(options.header ? [`X-Ophir-Warmup: ${options.tag}`] : []),
		'Content-Type: text/plain; charset=utf-8',
		'',
		'Still on for Thursday?',
		'',
		`ow-${options.tag}`,
	].join('\r\n');
}
