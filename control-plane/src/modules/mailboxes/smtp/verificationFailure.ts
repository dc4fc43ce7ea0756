import { AppError } from '../../../lib/errors.js';
import { outboundDestination, OutboundDestinationRefused, type OutboundDestination, type OutboundPolicy } from '../../../lib/net/outboundDestination.js';

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
  });
}

/** The address to connect to, or the generic failure when the policy refuses the host. */
export async function allowedDestination(host: string, outbound: OutboundPolicy, failed: (authenticationFailed: boolean) => AppError): Promise<OutboundDestination> {
  try {
    return await outboundDestination(host, outbound);
  } catch (error) {
    if (error instanceof OutboundDestinationRefused) throw failed(false);
    throw error;
  }
}
