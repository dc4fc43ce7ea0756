import type { SecretBox } from '../../lib/crypto.js';

/** A mailbox's secrets, stored as one AES-256-GCM document bound to the mailbox id. */
export type MailboxCredentials = { kind: 'oauth'; refreshToken: string } | { kind: 'smtp'; password: string; imapPassword?: string };

export interface SealedCredentials {
  credentialsCiphertext: string;
  credentialsKeyId: string;
}

const associatedData = (mailboxId: string) => `mailbox:${mailboxId}`;

export function sealCredentials(secrets: SecretBox, mailboxId: string, credentials: MailboxCredentials): SealedCredentials {
  const sealed = secrets.sealJson(credentials, associatedData(mailboxId));
  return { credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId };
}

export function openCredentials(
  secrets: SecretBox,
  mailbox: { id: string; credentialsCiphertext: string | null; credentialsKeyId: string | null },
): MailboxCredentials | undefined {
  if (!mailbox.credentialsCiphertext || !mailbox.credentialsKeyId) return undefined;
  return secrets.openJson<MailboxCredentials>(
    { ciphertext: mailbox.credentialsCiphertext, keyId: mailbox.credentialsKeyId },
    associatedData(mailbox.id),
  );
}
