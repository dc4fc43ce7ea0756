import { useState, type ComponentProps } from 'react';
import type { FieldValues, Path, RegisterOptions, UseFormReturn } from 'react-hook-form';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { Alert } from './alert';
import { Button } from './button';
import { DialogClose, DialogFooter } from './dialog';
import { FormField } from './form-field';

/** The path of every field in a form's values (an array is one field, as a checkbox group is). */
function fieldPaths(values: object, prefix = ''): string[] {
  return Object.entries(values).flatMap(([key, value]: [string, unknown]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? fieldPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/**
 * A react-hook-form form whose submit calls the API: a refusal's issues land on the fields they name (its fields are
 * named as the request body's members, and all have default values), the rest shows above the fields, and the
 * submit button says it is working. In a dialog it ends with Cancel beside it.
 */
export function ApiForm<T extends FieldValues>({
  form,
  onSubmit,
  submitLabel,
  pendingLabel,
  inDialog = false,
  className = 'space-y-4',
  children,
  ...formProps
}: Omit<ComponentProps<'form'>, 'onSubmit'> & {
  form: UseFormReturn<T>;
  onSubmit: (values: T) => Promise<void>;
  submitLabel: string;
  pendingLabel: string;
  inDialog?: boolean;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = fieldPaths(form.formState.defaultValues ?? {}) as Path<T>[];
      setFormError(applyProblemToForm(error.problem, form.setError, fields));
    }
  });
  const submitButton = (
    <Button type="submit" disabled={form.formState.isSubmitting}>
      {form.formState.isSubmitting ? pendingLabel : submitLabel}
    </Button>
  );
  return (
    <form className={className} onSubmit={submit} noValidate {...formProps}>
      {formError ? <Alert>{formError}</Alert> : null}
      {children}
      {inDialog ? (
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              Cancel
            </Button>
          </DialogClose>
          {submitButton}
        </DialogFooter>
      ) : (
        submitButton
      )}
    </form>
  );
}

/** A FormField registered on a react-hook-form form under `name`, showing that field's error. */
export function FormInput<T extends FieldValues>({
  form,
  name,
  options,
  ...inputProps
}: Omit<ComponentProps<'input'>, 'form' | 'name'> & {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  options?: RegisterOptions<T, Path<T>>;
}) {
  const { error } = form.getFieldState(name, form.formState);
  return <FormField error={error?.message} {...inputProps} {...form.register(name, options)} />;
}
