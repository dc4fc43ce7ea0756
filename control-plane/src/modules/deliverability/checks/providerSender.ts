/** Who sends a mailbox's mail, as its domain's SPF must allow and its DKIM selectors are named. */
export type ProviderSender =
  | { kind: 'include'; provider: 'Google' | 'Microsoft 365'; domain: string; dkimSelectors: string[] }
  | { kind: 'host'; host: string; dkimSelectors: string[] }
  | { kind: 'none'; dkimSelectors: string[] };

/** Hosted providers' SMTP servers: their SPF include and DKIM selectors, as for their own mailboxes. */
const knownSmtpHosts: Record<string, ProviderSender> = {
  'smtp.gmail.com': { kind: 'include', provider: 'Google', domain: '_spf.google.com', dkimSelectors: ['google'] },
  'smtp.office365.com': {
    kind: 'include',
    provider: 'Microsoft 365',
    domain: 'spf.protection.outlook.com',
    dkimSelectors: ['selector1', 'selector2'],
  },
  'smtp-mail.outlook.com': {
    kind: 'include',
    provider: 'Microsoft 365',
    domain: 'spf.protection.outlook.com',
    dkimSelectors: ['selector1', 'selector2'],
  },
};

export function providerSender(mailbox: { provider: string; smtpHost?: string }): ProviderSender {
  switch (mailbox.provider) {
    case 'gmail':
      return knownSmtpHosts['smtp.gmail.com']!;
    case 'outlook':
      return knownSmtpHosts['smtp.office365.com']!;
    case 'smtp': {
      const host = mailbox.smtpHost?.toLowerCase();
      if (!host) return { kind: 'none', dkimSelectors: [] };
      return knownSmtpHosts[host] ?? { kind: 'host', host, dkimSelectors: [] };
    }
    default:
      return { kind: 'none', dkimSelectors: [] };
  }
}
