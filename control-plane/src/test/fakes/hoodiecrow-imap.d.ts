/** The part of hoodiecrow-imap (plain JavaScript, no types) that localImapServer.ts uses. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowServer {
    server: Server;
    close(callback?: () => void): void;
    appendMessage(mailbox: string, flags: string[], internalDate: Date, raw: string): { message: { uid: number } };
  }

  function hoodiecrow(options: { users?: Record<string, { password: string }>; storage?: Record<string, object> }): HoodiecrowServer;
  export = hoodiecrow;
}
