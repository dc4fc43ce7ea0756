import { Badge } from '@/components/ui/badge';
import type { LeadVerification } from './queries';
import { verificationLabels, verificationReasonText, verificationTones } from './verificationLabels';

/** The address check's status; the reason is its tooltip (title), and read out after the status. */
export function VerificationBadge({ verification }: { verification: LeadVerification }) {
  const reason = verificationReasonText(verification);
  return (
    <Badge tone={verificationTones[verification.status]} title={reason}>
      {verificationLabels[verification.status]}
      <span className="sr-only">: {reason}</span>
    </Badge>
  );
}
