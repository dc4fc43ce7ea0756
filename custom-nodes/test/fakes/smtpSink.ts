import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server): AUTH required, recipients in `rejectRecipients`
 * refused with 550, every accepted message kept raw for mailparser.
 */
export class SmtpSink {
	readonly received: ReceivedMail[] = [];
	private server: SMTPServer | null = null;

	constructor(
		private readonly credentials: { username: string; password: string },
		private readonly rejectRecipients: string[] = [],
	) {}

	async start(): Promise<number> {
		this.server = new SMTPServer({
			authOptional: false,
			allowInsecureAuth: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onAuth: (auth, _session, callback) => {
				if (auth.username === this.credentials.username && auth.password === this.credentials.password) {
					callback(null, { user: auth.username });
				} else {
					callback(new Error('Invalid username or password'));
				}
			},
			onRcptTo: (address, _session, callback) => {
				if (this.rejectRecipients.includes(address.address)) {
					callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
				} else {
					callback();
				}
			},
			onData: (stream, session, callback) => {
				const chunks: Buffer[] = [];
				stream.on('data', (chunk: Buffer) => chunks.push(chunk));
				stream.on('end', () => {
					this.received.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((recipient) => recipient.address),
						raw: Buffer.concat(chunks).toString('utf8'),
					});
					callback();
				});
			},
		});
		const server = this.server;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return (server.server.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (server === null) return;
		await new Promise<void>((resolve) => server.close(() => resolve()));
		this.server = null;
	}
}
