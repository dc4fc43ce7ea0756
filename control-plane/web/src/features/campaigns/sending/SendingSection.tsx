import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { ErrorState } from '@/components/ui/error-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { TimeZoneField } from '@/components/ui/time-zone-field';
import { CheckboxField, SelectField } from '@/features/mailboxes/fields';
import { mailboxesQuery } from '@/features/mailboxes/queries';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { SectionCard } from '../builder/SectionCard';
import { useUpdateCampaign, type Campaign } from '../queries';
import { SendingWindows } from './SendingWindows';

const weekdays = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

const rotations = {
  round_robin: 'Round robin: each mailbox in turn',
  random: 'Random',
  sequential: 'Sequential: fill one mailbox, then the next',
  weighted: 'Weighted by what each mailbox has left today',
} satisfies Record<Campaign['rotationStrategy'], string>;

/** An empty field means "none": no campaign cap, or keeping the plan after an auto-reply. */
const optionalCount = (max: number) =>
  z.union([
    z.nan(),
    z.number().int('Enter a whole number').min(1, `Use a number from 1 to ${max}`).max(max, `Use a number from 1 to ${max}`),
  ]);

// Field names are the API body's (PATCH /api/campaigns/{id}), so its issue paths land on them.
const sendingForm = z.object({
  mailboxIds: z.array(z.string()),
  rotationStrategy: z.enum(['round_robin', 'random', 'sequential', 'weighted']),
  dailyCap: optionalCount(100_000),
  timezone: z.string().trim().min(1, 'Enter a time zone such as Europe/Paris'),
  schedule: z.object({
    days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1, 'Choose at least one day'),
    start: z.string().min(1, 'Enter a time'),
    end: z.string().min(1, 'Enter a time'),
    useLeadTimezone: z.boolean(),
    holidays: z.array(z.string()),
  }),
  trackOpens: z.boolean(),
  trackClicks: z.boolean(),
  stopOnReply: z.boolean(),
  stopOnReplyForDomain: z.boolean(),
  autoReplyDelayDays: optionalCount(30),
});
type SendingForm = z.infer<typeof sendingForm>;

const sendingFields = [
  'mailboxIds',
  'rotationStrategy',
  'dailyCap',
  'timezone',
  'schedule.days',
  'schedule.start',
  'schedule.end',
  'trackOpens',
  'trackClicks',
  'stopOnReply',
  'stopOnReplyForDomain',
  'autoReplyDelayDays',
] as const;

const valuesOf = (campaign: Campaign): SendingForm => ({
  mailboxIds: campaign.mailboxIds,
  rotationStrategy: campaign.rotationStrategy,
  dailyCap: campaign.dailyCap ?? Number.NaN,
  timezone: campaign.timezone,
  schedule: campaign.schedule,
  trackOpens: campaign.trackOpens,
  trackClicks: campaign.trackClicks,
  stopOnReply: campaign.stopOnReply,
  stopOnReplyForDomain: campaign.stopOnReplyForDomain,
  autoReplyDelayDays: campaign.autoReplyDelayDays ?? Number.NaN,
});

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** Mailboxes and rotation, caps, the sending window and what happens on a reply: saved together with "Save sending settings". */
export function SendingSection({ campaign, canEdit }: { campaign: Campaign; canEdit: boolean }) {
  const mailboxes = useQuery(mailboxesQuery);
  const update = useUpdateCampaign(campaign.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SendingForm>({ resolver: zodResolver(sendingForm), values: valuesOf(campaign) });
  const { errors, isSubmitting, isDirty } = form.formState;
  const running = campaign.status === 'active' || campaign.status === 'paused';

  const onSubmit = form.handleSubmit(async ({ dailyCap, autoReplyDelayDays, ...settings }) => {
    setFormError(null);
    try {
      await update.mutateAsync({ ...settings, dailyCap: orNull(dailyCap), autoReplyDelayDays: orNull(autoReplyDelayDays) });
      toast.success(running ? 'Sending settings saved: the running workflow was updated' : 'Sending settings saved');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, sendingFields));
    }
  });

  return (
    <SectionCard
      id="sending"
      title="Sending"
      description="Which mailboxes send, how many messages a day, when, and what a reply does. The next windows below update when you save."
    >
      {running ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This campaign is running. Saved changes apply to leads already in the sequence from their next message: waiting messages move to
          the new window, the new mailboxes and caps apply from the next run, and a message already being sent is not changed.
        </p>
      ) : null}
      <form className="space-y-5" onSubmit={onSubmit} noValidate>
        {formError ? <Alert>{formError}</Alert> : null}
        <fieldset disabled={!canEdit} className="space-y-5">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">Mailboxes</legend>
            {mailboxes.isError ? (
              <ErrorState title="Mailboxes could not be loaded" error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />
            ) : mailboxes.data?.length === 0 ? (
              <p className="text-sm text-slate-600">
                No mailbox yet:{' '}
                <Link to="/mailboxes" className="text-indigo-700 hover:underline">
                  connect one
                </Link>{' '}
                (a sandbox mailbox lets you try safely).
              </p>
            ) : (
              <div className="grid gap-2 sm:grid-cols-2">
                {(mailboxes.data ?? []).map((mailbox) => (
                  <label key={mailbox.id} className="flex items-center gap-2 text-sm text-slate-800">
                    <Checkbox value={mailbox.id} {...form.register('mailboxIds')} />
                    {mailbox.email}
                    {mailbox.status !== 'active' ? <span className="text-xs text-amber-800">({mailbox.status})</span> : null}
                  </label>
                ))}
              </div>
            )}
            {errors.mailboxIds?.message ? <p className="text-sm text-red-700">{errors.mailboxIds.message}</p> : null}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="Rotation" error={errors.rotationStrategy?.message} {...form.register('rotationStrategy')}>
              {Object.entries(rotations).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <FormField
              label="Campaign daily cap (empty: the mailboxes' own limits)"
              type="number"
              inputMode="numeric"
              error={errors.dailyCap?.message}
              {...form.register('dailyCap', { valueAsNumber: true })}
            />
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-900">Schedule</legend>
            <div className="flex flex-wrap gap-3">
              {weekdays.map(([value, label]) => (
                <label key={value} className="flex items-center gap-1.5 text-sm text-slate-800">
                  <Checkbox value={value} {...form.register('schedule.days')} />
                  {label}
                </label>
              ))}
            </div>
            {errors.schedule?.days?.message ? <p className="text-sm text-red-700">{errors.schedule.days.message}</p> : null}
            <div className="grid gap-4 sm:grid-cols-3">
              <FormField label="From" type="time" error={errors.schedule?.start?.message} {...form.register('schedule.start')} />
              <FormField label="Until" type="time" error={errors.schedule?.end?.message} {...form.register('schedule.end')} />
              <TimeZoneField label="Campaign time zone" error={errors.timezone?.message} {...form.register('timezone')} />
            </div>
            <CheckboxField
              label="Use each lead's own time zone when known"
              hint="The same hours, in the lead's zone; leads without one use the campaign's."
              {...form.register('schedule.useLeadTimezone')}
            />
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">Tracking</legend>
            <p className="text-xs text-slate-600">
              Tracking adds a pixel and rewrites links, which spam filters notice: leave it off for the best deliverability.
            </p>
            <CheckboxField label="Track opens" {...form.register('trackOpens')} />
            <CheckboxField label="Track link clicks" {...form.register('trackClicks')} />
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">When a lead replies</legend>
            <CheckboxField label="Stop the lead's sequence on a reply" {...form.register('stopOnReply')} />
            <CheckboxField
              label="Also stop colleagues at the same company domain"
              hint="Never for webmail domains such as gmail.com."
              {...form.register('stopOnReplyForDomain')}
            />
            <div className="max-w-xs">
              <FormField
                label="After an out-of-office, wait (days)"
                type="number"
                inputMode="numeric"
                error={errors.autoReplyDelayDays?.message}
                {...form.register('autoReplyDelayDays', { valueAsNumber: true })}
              />
            </div>
          </fieldset>
          <Button type="submit" disabled={isSubmitting || !isDirty}>
            {isSubmitting ? 'Saving…' : 'Save sending settings'}
          </Button>
        </fieldset>
      </form>
      <SendingWindows campaignId={campaign.id} timezone={campaign.timezone} />
    </SectionCard>
  );
}
