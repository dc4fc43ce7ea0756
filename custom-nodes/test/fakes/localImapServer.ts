import type { AddressInfo, Socket } from 'node:net';

import hoodiecrow from 'hoodiecrow-imap';

/** One command the server completed, as the client sent it (a LOGIN's arguments are cut). */
export interface ImapCommand {
	/** Upper case, e.g. `EXAMINE`, `UID FETCH`, `UID SEARCH`. */
	name: string;
	/** The tagged status the server answered: OK, NO or BAD. */
	status: string;
	line: string;
}

/**
 * A real IMAP4rev1 server on 127.0.0.1 (hoodiecrow-imap, in memory) for one user, with the handles
 * tests need: append raw messages to INBOX, change its UIDVALIDITY, read flags back, and the list
 * of commands clients ran, to count what a watch costs.
 */
export class LocalImapServer {
	readonly commands: ImapCommand[] = [];
	private readonly server: ReturnType<typeof hoodiecrow>;
	private readonly sockets = new Set<Socket>();

	/**
	 * `junk`: a `Junk` folder with SPECIAL-USE \\Junk, and UIDPLUS; `move` (with junk, default true):
	 * MOVE (RFC 6851) too, else a client moves by COPY, STORE \\Deleted and EXPUNGE.
	 */
	constructor(
		readonly login: { username: string; password: string },
		options: { junk?: boolean; move?: boolean } = {},
	) {
		this.server = hoodiecrow({
			users: { [login.username]: { password: login.password } },
			...(options.junk ? { plugins: ['SPECIAL-USE', 'UIDPLUS', ...(options.move === false ? [] : ['MOVE'])] } : {}),
			storage: { INBOX: {}, '': { separator: '/', ...(options.junk ? { folders: { Junk: { 'special-use': '\\Junk' } } } : {}) } },
		});
		this.server.outputHandlers.push((_connection, response, _description, parsed, data) => {
			if (!parsed || response.tag !== parsed.tag) return;
			const name = parsed.command.toUpperCase();
			const line = name === 'LOGIN' || name === 'AUTHENTICATE' ? `${parsed.tag} ${name} [cut]` : String(data ?? '');
			this.commands.push({ name, status: String(response.command ?? '').toUpperCase(), line });
		});
		this.server.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(): Promise<{ host: string; port: number }> {
		await new Promise<void>((resolve) => this.server.server.listen(0, '127.0.0.1', resolve));
		return { host: '127.0.0.1', port: (this.server.server.address() as AddressInfo).port };
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private get inbox() {
		return this.server.getMailbox('INBOX');
	}

	get uidValidity(): number {
		return this.inbox.uidvalidity;
	}

	/** The UID the next message will get. */
	get uidNext(): number {
		return this.inbox.uidnext;
	}

	/** Delivers a raw message (UTF-8 text) to INBOX (or Junk); returns its UID. */
	append(raw: string, options: { flags?: string[]; receivedAt?: Date; mailbox?: 'INBOX' | 'Junk' } = {}): number {
		// hoodiecrow keeps messages as binary strings (one char per byte) and writes them back as such.
		const bytes = Buffer.from(raw, 'utf8').toString('latin1');
		return this.server.appendMessage(options.mailbox ?? 'INBOX', options.flags ?? [], options.receivedAt ?? new Date(), bytes).message.uid;
	}

	/** A mailbox's messages now: UID, flags and source (what a client moved or flagged). */
	messagesIn(mailbox: 'INBOX' | 'Junk'): Array<{ uid: number; flags: string[]; raw: string }> {
		return this.server.getMailbox(mailbox).messages.map((message) => ({
			uid: message.uid,
			flags: [...message.flags],
			raw: Buffer.from(message.raw, 'latin1').toString('utf8'),
		}));
	}

	/** Removes a message the way EXPUNGE does: its UID is never handed out again. */
	expunge(uid: number): void {
		const messages = this.inbox.messages;
		messages.splice(
			messages.findIndex((message) => message.uid === uid),
			1,
		);
	}

	flagsOf(uid: number): string[] {
		return [...(this.inbox.messages.find((message) => message.uid === uid)?.flags ?? [])];
	}

	/**
	 * What a server does when it rebuilds a mailbox: a new UIDVALIDITY and the messages numbered
	 * again from 1, so UIDs from before mean nothing.
	 */
	changeUidValidity(): number {
		const inbox = this.inbox;
		inbox.uidvalidity += 1;
		inbox.messages.forEach((message, index) => {
			message.uid = index + 1;
		});
		inbox.uidnext = inbox.messages.length + 1;
		return inbox.uidvalidity;
	}

	/** An empty INBOX (UIDs keep counting up, as on a real server) and no recorded commands. */
	clear(): void {
		this.inbox.messages.length = 0;
		this.commands.length = 0;
	}

	/** Commands by name, e.g. `commandsNamed(/FETCH/)`. */
	commandsNamed(pattern: RegExp): ImapCommand[] {
		return this.commands.filter((command) => pattern.test(command.name));
	}
}
