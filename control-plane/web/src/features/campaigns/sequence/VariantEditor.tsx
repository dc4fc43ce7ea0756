import { Trash2 } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import type { DraftVariant } from './draft';
import { VariablePicker } from './VariablePicker';

type TemplateField = 'subject' | 'bodyText' | 'bodyHtml';

/** An issue under its field, tied to it for screen readers. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {message}
    </p>
  );
}

/** A variant's wording (subject and body) and, when the step has several, its split weight (its share of new leads). */
export function VariantEditor({
  variant,
  path,
  stepNumber,
  threaded,
  share,
  showWeight,
  errors,
  onChange,
  onRemove,
}: {
  variant: DraftVariant;
  /** Its place in the body, `steps.0.variants.1`, where the API's issues name it. */
  path: string;
  stepNumber: number;
  /** A follow-up replying in the first thread may leave its subject empty. */
  threaded: boolean;
  share: number;
  showWeight: boolean;
  errors: ReadonlyMap<string, string>;
  onChange: (patch: Partial<DraftVariant>) => void;
  onRemove: (() => void) | null;
}) {
  const id = useId();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const htmlRef = useRef<HTMLTextAreaElement>(null);
  const [htmlOpen, setHtmlOpen] = useState(variant.bodyHtml !== null);
  const lastEdited = useRef<TemplateField>('bodyText');
  const errorOf = (field: string) => errors.get(`${path}.${field}`);

  /** Puts a snippet where the cursor was in the field last edited, then returns the cursor there, after it. */
  const insert = (snippet: string) => {
    const field = lastEdited.current;
    const element = { subject: subjectRef, bodyText: bodyRef, bodyHtml: htmlRef }[field].current;
    const value = variant[field] ?? '';
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange({ [field]: `${value.slice(0, start)}${snippet}${value.slice(end)}` });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const described = (field: string, hint?: string) =>
    [hint, errorOf(field) ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Variant {variant.label}</legend>
      <div className="flex flex-wrap items-end justify-between gap-3">
        {showWeight ? (
          <div className="flex items-end gap-2">
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-weight`}>Split weight</Label>
              <Input
                id={`${id}-weight`}
                type="number"
                inputMode="numeric"
                min={0}
                className="w-24"
                value={Number.isNaN(variant.weight) ? '' : variant.weight}
                aria-invalid={errorOf('weight') ? true : undefined}
                aria-describedby={described('weight', `${id}-share`)}
                onChange={(event) => onChange({ weight: event.target.valueAsNumber })}
              />
            </div>
            <p id={`${id}-share`} className="pb-2 text-sm text-slate-600">
              {share}% of new leads get it
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">Every lead gets this wording. Add a variant to test another one.</p>
        )}
        <div className="flex gap-2">
          <VariablePicker onPick={insert} context={`step ${stepNumber}, variant ${variant.label}`} />
          {onRemove ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={onRemove}
              aria-label={`Remove variant ${variant.label} of step ${stepNumber}`}
            >
              <Trash2 className="size-4" aria-hidden /> Remove
            </Button>
          ) : null}
        </div>
      </div>
      <FieldError id={`${id}-weight-error`} message={errorOf('weight')} />
      <FieldError id={`${id}-label-error`} message={errorOf('label')} />
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-subject`}>Subject</Label>
        <Input
          id={`${id}-subject`}
          ref={subjectRef}
          value={variant.subject}
          placeholder={
            threaded ? 'Empty: sent as “Re: ” and the first subject, in the same thread' : 'e.g. Quick question, {{lead.firstName}}'
          }
          aria-invalid={errorOf('subject') ? true : undefined}
          aria-describedby={described('subject')}
          onFocus={() => (lastEdited.current = 'subject')}
          onChange={(event) => onChange({ subject: event.target.value })}
        />
        <FieldError id={`${id}-subject-error`} message={errorOf('subject')} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-body`}>Body</Label>
        <Textarea
          id={`${id}-body`}
          ref={bodyRef}
          rows={7}
          value={variant.bodyText}
          className="font-mono text-[13px]"
          aria-invalid={errorOf('bodyText') ? true : undefined}
          aria-describedby={described('bodyText', `${id}-body-hint`)}
          onFocus={() => (lastEdited.current = 'bodyText')}
          onChange={(event) => onChange({ bodyText: event.target.value })}
        />
        <p id={`${id}-body-hint`} className="text-xs text-slate-600">
          Plain text. {'{{lead.firstName}}'} is replaced by the lead's value, {'{{default lead.firstName "there"}}'} falls back when it is
          empty, and {'{Hi|Hello}'} picks one wording per lead.
        </p>
        <FieldError id={`${id}-bodyText-error`} message={errorOf('bodyText')} />
      </div>
      <details
        className="space-y-1.5"
        open={htmlOpen || errorOf('bodyHtml') !== undefined}
        onToggle={(event) => setHtmlOpen(event.currentTarget.open)}
      >
        <summary className="cursor-pointer text-sm font-medium text-slate-700">HTML version (optional)</summary>
        <div className="mt-2 space-y-1.5">
          <Label htmlFor={`${id}-html`}>HTML version</Label>
          <Textarea
            id={`${id}-html`}
            ref={htmlRef}
            rows={5}
            value={variant.bodyHtml ?? ''}
            className="font-mono text-[13px]"
            aria-invalid={errorOf('bodyHtml') ? true : undefined}
            aria-describedby={described('bodyHtml', `${id}-html-hint`)}
            onFocus={() => (lastEdited.current = 'bodyHtml')}
            onChange={(event) => onChange({ bodyHtml: event.target.value || null })}
          />
          <p id={`${id}-html-hint`} className="text-xs text-slate-600">
            Mail apps that show HTML use it instead of the text; the same variables and rules apply. Leave it empty to send text only.
          </p>
          <FieldError id={`${id}-bodyHtml-error`} message={errorOf('bodyHtml')} />
        </div>
      </details>
    </fieldset>
  );
}
