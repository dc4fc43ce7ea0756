import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm, failureDetail, problemByField, type Problem } from './problem';

interface Fields {
  email: string;
  organizationName: string;
}

/** A form that submits to a fake server answering the given problem, the way the app's forms do. */
function FormAnswering({ problem }: { problem: Problem }) {
  const form = useForm<Fields>({ defaultValues: { email: '', organizationName: '' } });
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(() => setFormError(applyProblemToForm(problem, form.setError, ['email', 'organizationName'])));
  return (
    <form onSubmit={onSubmit}>
      {formError ? <p role="alert">{formError}</p> : null}
      <FormField label="Email" error={form.formState.errors.email?.message} {...form.register('email')} />
      <FormField label="Organization" error={form.formState.errors.organizationName?.message} {...form.register('organizationName')} />
      <button type="submit">Send</button>
    </form>
  );
}

const conflict: Problem = {
  type: 'https://ophir.dev/problems/conflict',
  title: 'Conflict',
  status: 409,
  code: 'conflict',
  detail: 'An account with this email exists',
  issues: [{ path: 'email', in: 'body', message: 'is already registered' }],
};

afterEach(cleanup);

describe('field errors from problem+json', () => {
  it("puts each issue on the field its path names, described by the server's message", async () => {
    render(<FormAnswering problem={conflict} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const email = await screen.findByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('is already registered');
    expect(screen.getByRole('textbox', { name: 'Organization' }).getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows issues no field owns, and the detail when no issue names a field, above the form', async () => {
    const unplaced: Problem = { ...conflict, issues: [{ path: 'plan', in: 'body', message: 'is not offered' }] };
    render(<FormAnswering problem={unplaced} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('plan: is not offered');
    cleanup();

    render(
      <FormAnswering
        problem={{
          ...conflict,
          code: 'rate_limited',
          status: 429,
          detail: 'Too many attempts; try again in 30 seconds',
          issues: undefined,
        }}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts; try again in 30 seconds');
  });
});

describe('problemByField', () => {
  const refused: Problem = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'validation_failed',
    detail: 'The request is invalid',
    issues: [
      { path: 'steps.0.variants.0.bodyText', in: 'body', message: 'Unknown variable "lead.fristName"', line: 2 },
      { path: 'steps.0.variants.0.bodyText', in: 'body', message: '`{{#if}}` at line 3, column 1 is never closed', line: 3 },
      { path: 'steps', in: 'body', message: 'Too small: expected at least 1 step' },
    ],
  };

  it('groups the issues by the field their path names, with their line, and words the rest for above the fields', () => {
    const { fields, other } = problemByField(refused, (path) => path.includes('variants'));
    expect([...fields]).toEqual([
      ['steps.0.variants.0.bodyText', 'Unknown variable "lead.fristName" (line 2); `{{#if}}` at line 3, column 1 is never closed'],
    ]);
    expect(other).toBe('steps: Too small: expected at least 1 step');
  });

  it('falls back to the detail when no issue is placed', () => {
    expect(problemByField({ ...refused, issues: [] }, () => true)).toEqual({ fields: new Map(), other: 'The request is invalid' });
  });
});

describe('failureDetail', () => {
  it("says the server's detail for a refused call, and plain words for a request that got no answer or a broken page", () => {
    expect(failureDetail(new ApiError(conflict))).toBe(conflict.detail);
    expect(failureDetail(new TypeError('Failed to fetch'))).toBe('The server could not be reached. Check your connection and try again.');
    expect(failureDetail(new Error('Cannot read properties of undefined'))).toBe('Something went wrong. Try again in a moment.');
  });
});
