import { createTransport } from 'nodemailer';
import { AppError } from '../../../lib/errors.js';
import type { OutboundPolicy } from '../../../lib/net/outboundDestination.js';
import { allowedDestination, failedField, genericVerificationFailure, verificationIssues } from './verificationFailure.js';

/** `tls`: implicit TLS (usually 465); `starttls`: upgrade required (587); `none`: plain (local relays only). */
export type TlsMode = 'tls' | 'starttls' | 'none';

export interface SmtpConnection {
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string;
}

/** nodemailer's transport flags for a TLS mode (also what the Send Email node is handed). */
export function transportFlags(tlsMode: TlsMode): { secure: boolean; requireTls: boolean; ignoreTls: boolean } {
  return { secure: tlsMode === 'tls', requireTls: tlsMode === 'starttls', ignoreTls: tlsMode === 'none' };
}

const verifyTimeoutMs = 15_000;

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/**
 * Connects, negotiates TLS and logs in, without sending. On failure the problem carries the
 * server's own words (e.g. `535 5.7.8 Username and Password not accepted`), because that text is
 * what tells a user whether the password, the port or an app-password setting is wrong. Under
 * OUTBOUND_DENY_PRIVATE it carries no remote text at all (see verificationFailure.ts).
 */
export async function verifySmtpConnection(connection: SmtpConnection, password: string, outbound: OutboundPolicy): Promise<void> {
  const failed = (authenticationFailed: boolean) =>
    genericVerificationFailure('smtp_verification_failed', 'SMTP', connection, authenticationFailed);
  const destination = await allowedDestination(connection.host, outbound, failed);
  const flags = transportFlags(connection.tlsMode);
  const transport = createTransport({
    host: destination.address,
    ...(destination.servername ? { servername: destination.servername } : {}),
    port: connection.port,
    secure: flags.secure,
    requireTLS: flags.requireTls,
    ignoreTLS: flags.ignoreTls,
    auth: { user: connection.username, pass: password },
    connectionTimeout: verifyTimeoutMs,
    greetingTimeout: verifyTimeoutMs,
    socketTimeout: verifyTimeoutMs,
  });
  try {
    await transport.verify();
  } catch (error) {
    const failure = error as SmtpFailure;
    if (outbound.denyPrivate) throw failed(failure.code === 'EAUTH');
    const serverText = failure.response ?? failure.message ?? String(error);
    throw new AppError(
      'smtp_verification_failed',
      `The SMTP server at ${connection.host}:${connection.port} refused the connection: ${serverText}`,
      {
        smtp: {
          response: serverText,
          responseCode: failure.responseCode ?? null,
          command: failure.command ?? null,
          errorCode: failure.code ?? null,
        },
        issues: verificationIssues(
          'SMTP',
          failedField({ authenticationFailed: false, errorCode: failure.code, text: serverText }),
          `The SMTP server answered: ${serverText}`,
        ),
      },
    );
  } finally {
    transport.close();
  }
}
