import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { TimeZoneField } from '@/components/ui/time-zone-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { CheckboxField, count, SettingsActions } from './fields';
import { useUpdateMailbox, type Mailbox } from './queries';

// The API's bounds (PATCH /api/mailboxes/{id}); field names are the body's, so its issue paths land on them.
const limitsForm = z.object({
  dailyCap: count(1, 2000),
  rampEnabled: z.boolean(),
  rampStart: count(1, 2000),
  rampStep: count(0, 2000),
  restartRamp: z.boolean(),
  minGapSeconds: count(0, 86_400),
  gapJitterSeconds: count(0, 86_400),
  timezone: z.string().trim().min(1, 'Enter a time zone such as Europe/Paris'),
});
type LimitsForm = z.infer<typeof limitsForm>;

const limitFields = [
  'dailyCap',
  'rampEnabled',
  'rampStart',
  'rampStep',
  'restartRamp',
  'minGapSeconds',
  'gapJitterSeconds',
  'timezone',
] as const;

const valuesOf = (mailbox: Mailbox): LimitsForm => ({
  dailyCap: mailbox.dailyCap,
  rampEnabled: mailbox.rampEnabled,
  rampStart: mailbox.rampStart,
  rampStep: mailbox.rampStep,
  restartRamp: false,
  minGapSeconds: mailbox.minGapSeconds,
  gapJitterSeconds: mailbox.gapJitterSeconds,
  timezone: mailbox.timezone,
});

/** Daily cap, ramp, gap and timezone: what paces this mailbox (docs/mailboxes.md, "Limits"). */
export function LimitsForm({ mailbox, canEdit }: { mailbox: Mailbox; canEdit: boolean }) {
  const update = useUpdateMailbox(mailbox.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<LimitsForm>({ resolver: zodResolver(limitsForm), values: valuesOf(mailbox) });
  const { errors, isSubmitting, isDirty } = form.formState;
  const rampEnabled = form.watch('rampEnabled');
  const number = (name: 'dailyCap' | 'rampStart' | 'rampStep' | 'minGapSeconds' | 'gapJitterSeconds') =>
    form.register(name, { valueAsNumber: true });

  const onSubmit = form.handleSubmit(async ({ restartRamp, ...limits }) => {
    setFormError(null);
    try {
      await update.mutateAsync({ ...limits, ...(restartRamp ? { restartRamp: true as const } : {}) });
      toast.success('Limits saved');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, limitFields));
    }
  });

  return (
    <Card className="p-5">
      <section aria-labelledby="limits-heading">
        <h2 id="limits-heading" className="text-base font-semibold text-slate-900">
          Limits
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          A day is a calendar day in the mailbox's time zone. The ramp-up raises the daily limit each day until it reaches the cap.
        </p>
        <form className="mt-4 space-y-4" onSubmit={onSubmit} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <fieldset disabled={!canEdit} className="space-y-4">
            <div className="grid grid-cols-2 gap-4">
              <FormField label="Daily cap" type="number" inputMode="numeric" error={errors.dailyCap?.message} {...number('dailyCap')} />
              <TimeZoneField label="Time zone" error={errors.timezone?.message} {...form.register('timezone')} />
            </div>
            <CheckboxField
              label="Ramp up the daily limit"
              hint="Recommended for a new mailbox: it starts with a low limit that grows each day, and providers trust a slowly growing sender."
              {...form.register('rampEnabled')}
            />
            {rampEnabled ? (
              <div className="grid grid-cols-2 gap-4">
                <FormField
                  label="Limit on the first day"
                  type="number"
                  inputMode="numeric"
                  error={errors.rampStart?.message}
                  {...number('rampStart')}
                />
                <FormField
                  label="Added to the limit each day"
                  type="number"
                  inputMode="numeric"
                  error={errors.rampStep?.message}
                  {...number('rampStep')}
                />
                <div className="col-span-2">
                  <CheckboxField label="Restart the ramp-up today" {...form.register('restartRamp')} />
                </div>
              </div>
            ) : null}
            <div className="grid grid-cols-2 gap-4">
              <FormField
                label="Minimum gap (seconds)"
                type="number"
                inputMode="numeric"
                error={errors.minGapSeconds?.message}
                {...number('minGapSeconds')}
              />
              <FormField
                label="Random extra gap (seconds)"
                type="number"
                inputMode="numeric"
                error={errors.gapJitterSeconds?.message}
                {...number('gapJitterSeconds')}
              />
            </div>
          </fieldset>
          <SettingsActions
            canEdit={canEdit}
            isDirty={isDirty}
            isSubmitting={isSubmitting}
            onDiscard={() => form.reset(valuesOf(mailbox))}
            saveLabel="Save limits"
            readOnlyNote="Your role can read these limits; a member or admin can change them."
          />
        </form>
      </section>
    </Card>
  );
}
