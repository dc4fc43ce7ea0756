import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { CheckboxField, count, SelectField, SettingsActions } from './fields';
import { warmingDays, warmingLabel } from './mailboxFormat';
import { WarmupHistory } from './WarmupHistory';
import { useUpdateWarmup, warmupQuery, type WarmupSettings } from './warmupQueries';

// The API's bounds (PUT /api/mailboxes/{id}/warmup); field names are the body's, so its issue paths land on them.
const warmupForm = z.object({
  enabled: z.boolean(),
  targetPerDay: count(1, 200),
  replyRatePercent: count(0, 100),
  weekdaysOnly: z.boolean(),
  language: z.enum(['en', 'de']),
});
type WarmupForm = z.infer<typeof warmupForm>;
const warmupFields = ['enabled', 'targetPerDay', 'replyRatePercent', 'weekdaysOnly', 'language'] as const;

const valuesOf = (settings: WarmupSettings): WarmupForm => ({
  enabled: settings.enabled,
  targetPerDay: settings.targetPerDay,
  replyRatePercent: settings.replyRatePercent,
  weekdaysOnly: settings.weekdaysOnly,
  language: settings.language,
});

/** The ramp in words, with day 5 as the worked example. */
function rampInWords(settings: Pick<WarmupSettings, 'rampStart' | 'rampStep'>, target: number): string {
  const dayFive = Math.min(target, settings.rampStart + settings.rampStep * 4);
  return `Starts at ${settings.rampStart} a day and adds ${settings.rampStep} each day until ${target}: day 5 sends ${dayFive}.`;
}

function status(settings: WarmupSettings): { label: string; tone: 'good' | 'info' | 'neutral' } {
  if (!settings.enabled) return { label: 'Off', tone: 'neutral' };
  if (settings.warming) return { label: warmingLabel(settings.rampDay ?? 1), tone: 'info' };
  return { label: 'Warmed up', tone: 'good' };
}

function Today({ settings }: { settings: WarmupSettings }) {
  if (!settings.enabled) {
    return <p className="mt-1 text-sm text-slate-600">Warm-up is off: this mailbox sends and receives no warm-up messages.</p>;
  }
  return (
    <p className="mt-1 text-sm text-slate-600">
      {settings.warming
        ? `Campaigns from this mailbox get a warning until day ${warmingDays}. `
        : 'It keeps exchanging warm-up messages to hold its reputation. '}
      {settings.todayQuota > 0
        ? `Today it sends ${settings.todayQuota} warm-up ${settings.todayQuota === 1 ? 'message' : 'messages'}.`
        : 'It sends no warm-up messages today.'}
    </p>
  );
}

function SettingsForm({ settings, canEdit }: { settings: WarmupSettings; canEdit: boolean }) {
  const update = useUpdateWarmup(settings.mailboxId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<WarmupForm>({ resolver: zodResolver(warmupForm), values: valuesOf(settings) });
  const { errors, isSubmitting, isDirty } = form.formState;
  const target = form.watch('targetPerDay');

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ ...values, rampStart: settings.rampStart, rampStep: settings.rampStep });
      toast.success(saved.enabled ? 'Warm-up saved' : 'Warm-up switched off');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, warmupFields));
    }
  });

  return (
    <form className="mt-4 space-y-4" onSubmit={onSubmit} noValidate aria-label="Warm-up settings">
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset disabled={!canEdit} className="space-y-4">
        <CheckboxField
          role="switch"
          label="Warm up this mailbox"
          hint="It exchanges short, natural messages with your other mailboxes, which open them, move them out of spam and answer some."
          {...form.register('enabled')}
        />
        <div className="grid grid-cols-2 gap-4">
          <FormField
            label="Warm-up messages a day (target)"
            type="number"
            inputMode="numeric"
            error={errors.targetPerDay?.message}
            {...form.register('targetPerDay', { valueAsNumber: true })}
          />
          <FormField
            label="Reply to received messages (%)"
            type="number"
            inputMode="numeric"
            error={errors.replyRatePercent?.message}
            {...form.register('replyRatePercent', { valueAsNumber: true })}
          />
        </div>
        <p className="text-sm text-slate-700">
          {rampInWords(settings, Number.isInteger(target) && target > 0 ? target : settings.targetPerDay)} Warm-up and campaigns share the
          mailbox's daily cap; campaigns come first.
        </p>
        <SelectField label="Language of the messages" error={errors.language?.message} {...form.register('language')}>
          <option value="en">English</option>
          <option value="de">German</option>
        </SelectField>
        <CheckboxField
          label="Weekdays only"
          hint="No warm-up on Saturdays and Sundays, like a person at work."
          {...form.register('weekdaysOnly')}
        />
      </fieldset>
      <SettingsActions
        canEdit={canEdit}
        isDirty={isDirty}
        isSubmitting={isSubmitting}
        onDiscard={() => form.reset(valuesOf(settings))}
        saveLabel="Save warm-up"
        readOnlyNote="Your role can read the warm-up settings; a member or admin can change them."
      />
    </form>
  );
}

/** Warm-up for one mailbox: whether it is on, how far it has warmed, why the pool cannot run, its settings and last 30 days. */
export function WarmupCard({ mailboxId }: { mailboxId: string }) {
  const settings = useQuery(warmupQuery(mailboxId));
  const canEdit = useCan('mailboxes:write');
  const current = settings.data ? status(settings.data) : null;
  return (
    <Card className="p-5 xl:col-span-2">
      <section aria-labelledby="warmup-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="warmup-heading" className="text-base font-semibold text-slate-900">
            Warm-up
          </h2>
          {current ? <Badge tone={current.tone}>{current.label}</Badge> : null}
        </div>
        {settings.isPending ? <LoadingRows label="Loading the warm-up settings" /> : null}
        {settings.isError ? (
          <ErrorState title="The warm-up settings could not be loaded" error={settings.error} onRetry={() => void settings.refetch()} />
        ) : null}
        {settings.data ? (
          <>
            <Today settings={settings.data} />
            {settings.data.enabled && !settings.data.pool.ready && settings.data.pool.reason ? (
              <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <span className="font-medium">Nothing is exchanged yet. </span>
                {settings.data.pool.reason}
              </p>
            ) : null}
            <SettingsForm settings={settings.data} canEdit={canEdit} />
            <WarmupHistory mailboxId={mailboxId} />
          </>
        ) : null}
      </section>
    </Card>
  );
}
