/** The part of hoodiecrow-imap (plain JavaScript, no types) that localImapServer.ts uses. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowMessage {
    uid: number;
    flags: string[];
    raw: string;
  }

  interface HoodiecrowServer {
    server: Server;
    close(callback?: () => void): void;
    getMailbox(path: string): { messages: HoodiecrowMessage[] };
    appendMessage(mailbox: string, flags: string[], internalDate: Date, raw: string): { message: HoodiecrowMessage };
  }

  function hoodiecrow(options: {
    users?: Record<string, { password: string }>;
    plugins?: string[];
    storage?: Record<string, object>;
  }): HoodiecrowServer;
  export = hoodiecrow;
}
