import { ImapFlow, type ImapFlowError } from 'imapflow';
import { AppError } from '../../../lib/errors.js';
import type { OutboundPolicy } from '../../../lib/net/outboundDestination.js';
import { transportFlags, type SmtpConnection } from './smtpConnection.js';
import { allowedDestination, failedField, genericVerificationFailure, verificationIssues } from './verificationFailure.js';

/** Where the inbox watcher reads an SMTP mailbox's replies and bounces: the same shape as its SMTP server. */
export type ImapConnection = SmtpConnection;

const verifyTimeoutMs = 15_000;

/**
 * Connects, negotiates TLS and logs in (then logs out) the way the Inbox Watch node will, so a wrong
 * IMAP password is caught on save rather than as a failing watch later. On failure the problem
 * carries the server's own words (`NO [AUTHENTICATIONFAILED] Invalid credentials`), never the password;
 * under OUTBOUND_DENY_PRIVATE, no remote text at all (see verificationFailure.ts).
 */
export async function verifyImapConnection(connection: ImapConnection, password: string, outbound: OutboundPolicy): Promise<void> {
  const failed = (authenticationFailed: boolean) =>
    genericVerificationFailure('imap_verification_failed', 'IMAP', connection, authenticationFailed);
  const destination = await allowedDestination(connection.host, outbound, failed);
  const flags = transportFlags(connection.tlsMode);
  const client = new ImapFlow({
    host: destination.address,
    ...(destination.servername ? { servername: destination.servername } : {}),
    port: connection.port,
    secure: flags.secure,
    doSTARTTLS: flags.secure ? undefined : flags.requireTls,
    auth: { user: connection.username, pass: password },
    verifyOnly: true,
    logger: false,
    connectionTimeout: verifyTimeoutMs,
    greetingTimeout: verifyTimeoutMs,
    socketTimeout: verifyTimeoutMs,
  });
  // Socket errors are also emitted as events; unheard, they would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const failure = error as ImapFlowError;
    if (outbound.denyPrivate) throw failed(failure.authenticationFailed === true);
    const serverText = String(failure.responseText || failure.message || error)
      .split(password)
      .join('[password]');
    throw new AppError(
      'imap_verification_failed',
      `The IMAP server at ${connection.host}:${connection.port} refused the connection: ${serverText}`,
      {
        imap: { response: serverText, authenticationFailed: failure.authenticationFailed === true, errorCode: failure.code ?? null },
        issues: verificationIssues(
          'IMAP',
          failedField({ authenticationFailed: failure.authenticationFailed === true, errorCode: failure.code, text: serverText }),
          `The IMAP server answered: ${serverText}`,
        ),
      },
    );
  } finally {
    client.close();
  }
}
