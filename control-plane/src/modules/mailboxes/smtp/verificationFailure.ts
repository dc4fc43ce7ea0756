import { AppError } from '../../../lib/errors.js';
import {
  outboundDestination,
  OutboundDestinationRefused,
  type OutboundDestination,
  type OutboundPolicy,
} from '../../../lib/net/outboundDestination.js';

type ServerField = 'host' | 'port' | 'tlsMode' | 'password';

/**
 * Which field of the request's `smtp` or `imap` settings a failed login most likely asks to fix, so a
 * form can show the server's words beside it: a refused login is the password, an unknown host the
 * host, a failed TLS handshake the TLS mode, a refused or silent port the port.
 */
export function failedField(failure: { authenticationFailed: boolean; errorCode?: string | null | undefined; text: string }): ServerField {
  const { errorCode, text } = failure;
  if (failure.authenticationFailed || errorCode === 'EAUTH') return 'password';
  if (errorCode === 'EDNS' || errorCode === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(text)) return 'host';
  if (errorCode === 'ETLS' || /\bTLS\b|SSL|wrong version number|certificate/i.test(text)) return 'tlsMode';
  if (
    errorCode === 'ECONNREFUSED' ||
    errorCode === 'ETIMEDOUT' ||
    errorCode === 'ECONNECTION' ||
    /ECONNREFUSED|ETIMEDOUT|timed? ?out/i.test(text)
  )
    return 'port';
  return 'host';
}

/** The one issue of a failed verification, at `smtp.<field>` or `imap.<field>`. */
export function verificationIssues(protocol: 'SMTP' | 'IMAP', field: ServerField, message: string) {
  return [{ path: `${protocol.toLowerCase()}.${field}`, message }];
}

/**
 * The problem a failed SMTP or IMAP verification answers under OUTBOUND_DENY_PRIVATE. Echoing the
 * remote end's words would let a member read what any host and port answers through our server, so
 * a refused address and every failure of an allowed server read the same, with no remote text;
 * only whether the login itself was refused, which is what a user needs to fix a password.
 */
export function genericVerificationFailure(
  code: 'smtp_verification_failed' | 'imap_verification_failed',
  protocol: 'SMTP' | 'IMAP',
  connection: { host: string; port: number },
  authenticationFailed: boolean,
): AppError {
  const reason = authenticationFailed
    ? 'the server refused the username or password'
    : 'check the host, port and TLS mode (servers on private networks cannot be reached from here)';
  return new AppError(code, `Could not log in to the ${protocol} server at ${connection.host}:${connection.port}: ${reason}`, {
    [protocol.toLowerCase()]: { authenticationFailed },
    issues: verificationIssues(protocol, authenticationFailed ? 'password' : 'host', `The ${protocol} server: ${reason}`),
  });
}

/** The address to connect to, or the generic failure when the policy refuses the host. */
export async function allowedDestination(
  host: string,
  outbound: OutboundPolicy,
  failed: (authenticationFailed: boolean) => AppError,
): Promise<OutboundDestination> {
  try {
    return await outboundDestination(host, outbound);
  } catch (error) {
    if (error instanceof OutboundDestinationRefused) throw failed(false);
    throw error;
  }
}
