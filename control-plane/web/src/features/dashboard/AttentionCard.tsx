import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CheckCircle2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { DeploymentStatus } from '@/features/deployments/deploymentFormat';
import { attentionQuery } from './queries';

const mailboxStatus = { paused: 'Paused', needs_reauth: 'Needs sign-in', error: 'Error' } as const;

function Item({ link, status, reasons }: { link: React.ReactNode; status: React.ReactNode; reasons: string[] }) {
  return (
    <li className="rounded-lg border border-slate-200 px-3 py-2.5">
      <div className="flex items-start justify-between gap-2">
        {link}
        <span className="shrink-0 whitespace-nowrap">{status}</span>
      </div>
      {reasons.map((reason) => (
        <p key={reason} className="mt-1 text-xs text-slate-600">
          {reason}
        </p>
      ))}
    </li>
  );
}

// Names wrap rather than being cut short: the card is narrow and the name is what tells the items apart.
const linkClass = 'min-w-0 break-words text-sm font-medium text-indigo-700 hover:underline';

/** Mailboxes that cannot send, workflows changed in n8n or failing, and active campaigns that send nothing, each with why. */
export function AttentionCard() {
  const attention = useQuery({ ...attentionQuery, refetchInterval: 60_000 });
  const data = attention.data;
  const count = data ? data.mailboxes.length + data.deployments.length + data.campaigns.length : 0;
  return (
    <Card className="p-5">
      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading" className="text-base font-semibold text-slate-900">
          Needs attention{count > 0 ? ` (${count})` : ''}
        </h2>
        {attention.isPending ? <LoadingRows label="Loading what needs attention" /> : null}
        {attention.isError ? (
          <ErrorState error={attention.error} title="What needs attention could not be loaded" onRetry={() => void attention.refetch()} />
        ) : null}
        {data && count === 0 ? (
          <p className="mt-3 flex items-start gap-2 text-sm text-slate-600">
            <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden="true" />
            Nothing needs you: mailboxes, workflows and active campaigns are all fine.
          </p>
        ) : null}
        {data && count > 0 ? (
          <ul className="mt-3 space-y-2">
            {data.campaigns.map((campaign) => (
              <Item
                key={campaign.campaignId}
                link={
                  <Link to="/campaigns/$campaignId" params={{ campaignId: campaign.campaignId }} className={linkClass}>
                    {campaign.name}
                  </Link>
                }
                status={<Badge tone="warn">Not sending</Badge>}
                reasons={campaign.reasons}
              />
            ))}
            {data.mailboxes.map((mailbox) => (
              <Item
                key={mailbox.mailboxId}
                link={
                  <Link to="/mailboxes/$mailboxId" params={{ mailboxId: mailbox.mailboxId }} className={linkClass}>
                    {mailbox.email}
                  </Link>
                }
                status={<Badge tone={mailbox.status === 'paused' ? 'warn' : 'bad'}>{mailboxStatus[mailbox.status]}</Badge>}
                reasons={[mailbox.reason]}
              />
            ))}
            {data.deployments.map((deployment) => (
              <Item
                key={deployment.deploymentId}
                link={
                  <Link to="/automations/$deploymentId" params={{ deploymentId: deployment.deploymentId }} className={linkClass}>
                    {deployment.name} automation
                  </Link>
                }
                status={<DeploymentStatus status={deployment.status} />}
                reasons={[deployment.reason]}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </Card>
  );
}
