import { useId, type ComponentProps } from 'react';
import { Input } from './input';
import { Label } from './label';

/** A labelled input with its error message announced and tied to it. */
export function FormField({ label, error, ...inputProps }: ComponentProps<'input'> & { label: string; error?: string | undefined }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...inputProps} />
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
