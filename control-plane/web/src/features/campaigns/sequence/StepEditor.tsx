import { Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { CheckboxField } from '@/features/mailboxes/fields';
import { maxVariantsPerStep, newVariant, weightShares, type DraftStep, type DraftVariant } from './draft';
import type { DelayUnit, TimelineEntry } from './timeline';
import { VariantEditor } from './VariantEditor';

const delayUnits: Array<[DelayUnit, string]> = [
  ['minutes', 'minutes'],
  ['hours', 'hours'],
  ['days', 'days'],
  ['business_days', 'business days (Mon–Fri)'],
];

/** One step: when it goes out, whether it replies in the first thread, and its variants. */
export function StepEditor({
  step,
  index,
  timeline,
  errors,
  onChange,
  onRemove,
}: {
  step: DraftStep;
  index: number;
  timeline: TimelineEntry | undefined;
  errors: ReadonlyMap<string, string>;
  onChange: (step: DraftStep) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const number = index + 1;
  const path = `steps.${index}`;
  const shares = weightShares(step.variants);
  const delayError = errors.get(`${path}.delayAmount`) ?? errors.get(`${path}.delayUnit`);
  const variantsError = errors.get(`${path}.variants`);
  const changeVariant = (key: string, patch: Partial<DraftVariant>) =>
    onChange({ ...step, variants: step.variants.map((variant) => (variant.key === key ? { ...variant, ...patch } : variant)) });

  return (
    <fieldset className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-describedby={`${id}-when`}>
      <legend className="sr-only">Step {number}</legend>
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 className="text-base font-semibold text-slate-900" aria-hidden>
            Step {number}
          </h3>
          <p id={`${id}-when`} className="text-sm text-slate-600">
            {timeline ? `Sent ${timeline.relative}${index > 0 ? ` (${timeline.fromEnrolment})` : ''}.` : null}
          </p>
        </div>
        <Button type="button" variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove step ${number}`}>
          <Trash2 className="size-4" aria-hidden /> Remove step
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-delay`}>Delay</Label>
          <Input
            id={`${id}-delay`}
            type="number"
            inputMode="numeric"
            min={0}
            className="w-24"
            value={Number.isNaN(step.delayAmount) ? '' : step.delayAmount}
            aria-invalid={delayError ? true : undefined}
            aria-describedby={`${id}-delay-hint${delayError ? ` ${id}-delay-error` : ''}`}
            onChange={(event) => onChange({ ...step, delayAmount: event.target.valueAsNumber })}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-unit`}>Unit</Label>
          <Select
            id={`${id}-unit`}
            className="w-56"
            value={step.delayUnit}
            onChange={(event) => onChange({ ...step, delayUnit: event.target.value as DelayUnit })}
          >
            {delayUnits.map(([unit, name]) => (
              <option key={unit} value={unit}>
                {name}
              </option>
            ))}
          </Select>
        </div>
        <p id={`${id}-delay-hint`} className="pb-2 text-sm text-slate-600">
          {index === 0 ? 'after the lead is enrolled' : `after step ${index} was sent`}
        </p>
      </div>
      {delayError ? (
        <p id={`${id}-delay-error`} className="text-sm text-red-700">
          {delayError}
        </p>
      ) : null}
      {index > 0 ? (
        <CheckboxField
          label="Reply in the first message's thread"
          hint="Sent as a reply to step 1, from the same mailbox. Leave the subject empty to reuse step 1's subject with “Re:”."
          checked={step.threadWithFirst}
          onChange={(event) => onChange({ ...step, threadWithFirst: event.target.checked })}
        />
      ) : null}
      <div className="space-y-3">
        {step.variants.map((variant, v) => (
          <VariantEditor
            key={variant.key}
            variant={variant}
            path={`${path}.variants.${v}`}
            stepNumber={number}
            threaded={index > 0 && step.threadWithFirst}
            share={shares[v] ?? 0}
            showWeight={step.variants.length > 1}
            errors={errors}
            onChange={(patch) => changeVariant(variant.key, patch)}
            onRemove={
              step.variants.length > 1 ? () => onChange({ ...step, variants: step.variants.filter((x) => x.key !== variant.key) }) : null
            }
          />
        ))}
        {variantsError ? <p className="text-sm text-red-700">{variantsError}</p> : null}
      </div>
      <div className="flex items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={step.variants.length >= maxVariantsPerStep}
          onClick={() => onChange({ ...step, variants: [...step.variants, newVariant(step.variants.map((variant) => variant.label))] })}
        >
          <Plus className="size-4" aria-hidden /> Add variant
        </Button>
        <p className="text-xs text-slate-600">
          {step.variants.length >= maxVariantsPerStep
            ? `A step has at most ${maxVariantsPerStep} variants.`
            : 'A/B test: each new lead gets one variant. Split weights set the shares: 1 and 1 is half and half, 1 and 3 is 25% and 75%.'}
        </p>
      </div>
    </fieldset>
  );
}
