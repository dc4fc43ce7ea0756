import { useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { SheetContent } from '@/components/ui/sheet';
import { Table, TableCell, TableColumns, TableRow } from '@/components/ui/table';
import { ApiError } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/dates';
import { useRedeliverWebhook, webhookDeliveriesQuery, type WebhookDelivery, type WebhookEndpoint } from './queries';
import { deliveryEventLabel } from './webhookEvents';

const statusBadges = {
  delivered: { tone: 'good', label: 'Delivered' },
  pending: { tone: 'warn', label: 'Retrying' },
  failed: { tone: 'bad', label: 'Failed' },
} as const;

function lastResponse(delivery: WebhookDelivery): string {
  const last = delivery.log.at(-1);
  if (!last) return 'Not tried yet';
  return last.statusCode === null ? (last.error ?? 'No answer') : `HTTP ${last.statusCode}`;
}

/** The endpoint's 20 latest deliveries: what happened to each event, and a way to send a failed one again. */
export function WebhookDeliveriesSheet({ endpoint }: { endpoint: WebhookEndpoint }) {
  const deliveries = useQuery(webhookDeliveriesQuery(endpoint.id));
  const redeliver = useRedeliverWebhook(endpoint.id);
  const sendAgain = async (deliveryId: string) => {
    try {
      await redeliver.mutateAsync(deliveryId);
      toast.success('Sending it again now');
    } catch (error) {
      toast.error(error instanceof ApiError ? error.problem.detail : 'It could not be sent again. Try again.');
    }
  };
  return (
    <SheetContent title="Recent deliveries" description={endpoint.url} className="max-w-3xl">
      {deliveries.isPending ? <LoadingRows label="Loading deliveries" /> : null}
      {deliveries.isError ? (
        <ErrorState title="Deliveries could not be loaded" error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : null}
      {deliveries.data?.length === 0 ? <p className="text-sm text-slate-600">Nothing was sent to this endpoint yet.</p> : null}
      {deliveries.data && deliveries.data.length > 0 ? (
        <Table aria-label="Recent deliveries">
          <TableColumns names={['Event', 'Status', 'Attempts', 'Last answer', 'Next try']} actions />
          <tbody>
            {deliveries.data.map((delivery) => (
              <TableRow key={delivery.id}>
                <TableCell>
                  <span className="block text-slate-900">{deliveryEventLabel(delivery.eventType)}</span>
                  <span className="text-xs text-slate-600">{formatDateTime(delivery.createdAt)}</span>
                </TableCell>
                <TableCell>
                  <Badge tone={statusBadges[delivery.status].tone}>{statusBadges[delivery.status].label}</Badge>
                </TableCell>
                <TableCell className="tabular-nums">{delivery.attempts}</TableCell>
                <TableCell className="max-w-48 truncate" title={lastResponse(delivery)}>
                  {lastResponse(delivery)}
                </TableCell>
                <TableCell>{delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : '—'}</TableCell>
                <TableCell className="text-right">
                  {delivery.status === 'failed' && endpoint.enabled ? (
                    <Button variant="secondary" size="sm" disabled={redeliver.isPending} onClick={() => void sendAgain(delivery.id)}>
                      Send again
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </SheetContent>
  );
}
