import type { LeadVerification, LeadVerificationStatus } from './queries';

export const verificationStatuses = [
  'valid',
  'risky',
  'invalid',
  'unknown',
  'unverified',
] as const satisfies readonly LeadVerificationStatus[];

export const verificationLabels: Record<LeadVerificationStatus, string> = {
  valid: 'Valid',
  risky: 'Risky',
  invalid: 'Invalid',
  unknown: 'Unknown',
  unverified: 'Not checked',
};

export const verificationTones = { valid: 'good', risky: 'warn', invalid: 'bad', unknown: 'neutral', unverified: 'neutral' } as const;

/** Why, in a marketer's words (docs/deliverability.md, "Lead address verification"). */
const reasonTexts: Record<NonNullable<LeadVerification['reason']>, string> = {
  mx_found: 'The domain receives email (it has mail servers).',
  a_found: 'The domain has no mail servers listed but a web server that may take email.',
  domain_not_found: 'The domain does not exist: email to it bounces.',
  no_mx_or_a: 'The domain exists but has nowhere to receive email.',
  null_mx: 'The domain says it accepts no email.',
  dns_timeout: 'The domain’s DNS did not answer in time; check again later.',
  dns_error: 'The domain’s DNS failed to answer; check again later.',
  disposable_domain: 'A throwaway (disposable) address: nobody reads it for long.',
  own_domain: 'One of your own domains: a colleague, not a prospect.',
  role_address: 'A shared inbox (info@, sales@…), not a person: replies are rare and spam reports likelier.',
};

export function verificationReasonText(verification: LeadVerification): string {
  if (!verification.reason) return 'This address has not been checked yet.';
  return reasonTexts[verification.reason];
}
