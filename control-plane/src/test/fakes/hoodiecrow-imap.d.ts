/** The part of hoodiecrow-imap (plain JavaScript, no types) that localImapServer.ts uses. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowServer {
    server: Server;
    close(callback?: () => void): void;
  }

  function hoodiecrow(options: { users?: Record<string, { password: string }> }): HoodiecrowServer;
  export = hoodiecrow;
}
