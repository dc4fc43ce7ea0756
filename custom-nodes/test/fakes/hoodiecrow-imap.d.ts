/** The part of hoodiecrow-imap (plain JavaScript, no types) that localImapServer.ts uses. */
declare module 'hoodiecrow-imap' {
	import type { Server } from 'node:net';

	interface HoodiecrowMessage {
		uid: number;
		flags: string[];
		raw: string;
	}

	interface HoodiecrowMailbox {
		uidvalidity: number;
		uidnext: number;
		messages: HoodiecrowMessage[];
	}

	interface HoodiecrowCommand {
		tag: string;
		command: string;
	}

	interface HoodiecrowResponse {
		tag: string;
		command?: string;
	}

	type OutputHandler = (
		connection: unknown,
		response: HoodiecrowResponse,
		description: string,
		parsed?: HoodiecrowCommand,
		data?: string,
	) => void;

	interface HoodiecrowServer {
		server: Server;
		outputHandlers: OutputHandler[];
		getMailbox(path: string): HoodiecrowMailbox;
		appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): { message: HoodiecrowMessage };
		close(callback?: () => void): void;
	}

	function hoodiecrow(options: {
		users?: Record<string, { password: string }>;
		plugins?: string[];
		storage?: Record<string, unknown>;
	}): HoodiecrowServer;
	export = hoodiecrow;
}
