import { useId, type ComponentProps, type ReactNode } from 'react';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

/** A labelled native select with its error tied to it, like FormField for inputs. */
export function SelectField({
  label,
  error,
  children,
  ...selectProps
}: ComponentProps<'select'> & { label: string; error?: string | undefined; children: ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...selectProps}>
        {children}
      </Select>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({ label, hint, ...inputProps }: Omit<ComponentProps<'input'>, 'type'> & { label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <Checkbox id={id} className="mt-0.5" aria-describedby={hint ? `${id}-hint` : undefined} {...inputProps} />
      <div>
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export const tlsModeOptions = [
  { value: 'starttls', label: 'STARTTLS (usually port 587 or 143)' },
  { value: 'tls', label: 'TLS (usually port 465 or 993)' },
  { value: 'none', label: 'None (local relays only)' },
] as const;

/** A whole-number form field within the API's bounds, with the messages every form uses. */
export const count = (min: number, max: number) =>
  z
    .number({ error: 'Enter a number' })
    .int('Enter a whole number')
    .min(min, `Use a number from ${min} to ${max}`)
    .max(max, `Use a number from ${min} to ${max}`);

/** A mailbox settings form's end: Discard and Save for a role that may edit, else a line saying who can. */
export function SettingsActions({
  canEdit,
  isDirty,
  isSubmitting,
  onDiscard,
  saveLabel,
  readOnlyNote,
}: {
  canEdit: boolean;
  isDirty: boolean;
  isSubmitting: boolean;
  onDiscard: () => void;
  saveLabel: string;
  readOnlyNote: string;
}) {
  if (!canEdit) return <p className="text-sm text-slate-600">{readOnlyNote}</p>;
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="secondary" disabled={!isDirty || isSubmitting} onClick={onDiscard}>
        Discard changes
      </Button>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : saveLabel}
      </Button>
    </div>
  );
}
