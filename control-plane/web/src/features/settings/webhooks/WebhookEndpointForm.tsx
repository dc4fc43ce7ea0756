import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Checkbox } from '@/components/ui/checkbox';
import type { WebhookEventType } from './queries';
import { webhookEventLabels, webhookEventTypes } from './webhookEvents';

const endpointForm = z.object({
  url: z.url({ message: 'Enter the full address, starting with https://' }),
  description: z.string().trim().max(500, 'Use at most 500 characters'),
  eventTypes: z.array(z.enum(webhookEventTypes as [WebhookEventType, ...WebhookEventType[]])).min(1, 'Choose at least one event'),
});
export type WebhookEndpointFormValues = z.infer<typeof endpointForm>;

const groups = [...new Set(webhookEventTypes.map((type) => webhookEventLabels[type].group))];

/** The URL, a note, and the events it receives; the API's refusals land on the fields they name. */
export function WebhookEndpointForm({
  defaultValues,
  submitLabel,
  onSubmit,
}: {
  defaultValues: WebhookEndpointFormValues;
  submitLabel: string;
  onSubmit: (values: WebhookEndpointFormValues) => Promise<void>;
}) {
  const form = useForm<WebhookEndpointFormValues>({ resolver: zodResolver(endpointForm), defaultValues });
  const eventTypesError = form.formState.errors.eventTypes;

  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel={submitLabel} pendingLabel="Saving…" inDialog>
      <FormInput
        form={form}
        name="url"
        label="Endpoint URL"
        type="url"
        autoComplete="off"
        placeholder="https://crm.example.com/hooks/ophir"
      />
      <FormInput form={form} name="description" label="Note (optional)" autoComplete="off" placeholder="e.g. Deals in our CRM" />
      <fieldset className="space-y-3" aria-describedby={eventTypesError ? 'webhook-events-error' : undefined}>
        <legend className="text-sm font-medium text-slate-900">Events to send</legend>
        {groups.map((group) => (
          <div key={group} className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 sm:col-span-2">{group}</p>
            {webhookEventTypes
              .filter((type) => webhookEventLabels[type].group === group)
              .map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
                  <Checkbox value={type} {...form.register('eventTypes')} />
                  {webhookEventLabels[type].label}
                </label>
              ))}
          </div>
        ))}
        {eventTypesError ? (
          <p id="webhook-events-error" className="text-sm text-red-700">
            {eventTypesError.message}
          </p>
        ) : null}
      </fieldset>
    </ApiForm>
  );
}
