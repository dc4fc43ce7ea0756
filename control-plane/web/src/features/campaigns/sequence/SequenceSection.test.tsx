import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SequenceSection } from './SequenceSection';

const campaignId = '6f1c2a4e-1b2c-4d5e-8f90-123456789abc';

// The one API client keeps the fetch it found when created: stand in for the server before it is imported.
const server = vi.hoisted(() => {
  const state = {
    status: 'draft',
    checks: [] as unknown[],
    saves: [] as unknown[],
    /** What the check and the save answer: no issues unless a body names lead.fristName. */
    issuesFor(body: { steps: Array<{ variants: Array<{ bodyText: string }> }> }) {
      return body.steps.flatMap((step, s) =>
        step.variants.flatMap((variant, v) =>
          variant.bodyText.includes('lead.fristName')
            ? [
                {
                  path: `steps.${s}.variants.${v}.bodyText`,
                  in: 'body',
                  message: 'Unknown variable "lead.fristName"; did you mean "lead.firstName"?',
                  line: 1,
                },
              ]
            : [],
        ),
      );
    },
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  const refused = (issues: unknown[]) =>
    json(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: 'The request is invalid',
      issues,
    });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === '/api/me') return json(200, { organization: { role: 'member' } });
    if (path === '/api/leads/custom-fields') return json(200, { keys: ['plan', 'Company Size'] });
    if (path.endsWith('/sequence/validate')) {
      const body = await request.json();
      state.checks.push(body);
      const issues = state.issuesFor(body);
      return issues.length ? refused(issues) : json(200, { valid: true });
    }
    if (path.endsWith('/sequence') && request.method === 'PUT') {
      const body = await request.json();
      state.saves.push(body);
      const issues = state.issuesFor(body);
      if (issues.length) return refused(issues);
      return json(200, {
        campaignId,
        requireUnsubscribeLink: body.requireUnsubscribeLink,
        steps: body.steps.map((step: { variants: object[] }, s: number) => ({
          ...step,
          id: `step-${s}`,
          step: s + 1,
          variants: step.variants.map((variant, v) => ({ ...variant, id: `variant-${s}-${v}` })),
        })),
      });
    }
    if (path.endsWith('/sequence')) return json(200, { campaignId, requireUnsubscribeLink: true, steps: [] });
    if (path === `/api/campaigns/${campaignId}`) return json(200, { id: campaignId, name: 'Spring outreach', status: state.status });
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: `${path} is not faked` });
  };
  return state;
});

beforeEach(() => {
  server.status = 'draft';
  server.checks = [];
  server.saves = [];
});
afterEach(cleanup);

function renderSection() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SequenceSection campaignId={campaignId} />
    </QueryClientProvider>,
  );
}

const step = (n: number) => screen.getByRole('group', { name: `Step ${n}` });
const describedBy = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the sequence editor', () => {
  it('builds steps with a timeline and weighted variants, and saves the sequence as the API takes it', async () => {
    renderSection();
    const user = userEvent.setup();
    await screen.findByText('No steps yet');
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    await user.click(screen.getByRole('button', { name: 'Add step' }));

    expect(within(step(1)).getByText(/as soon as the lead is enrolled/)).toBeTruthy();
    expect(within(step(2)).getByText(/about 3 business days after step 1, in the lead's window/)).toBeTruthy();
    await user.clear(within(step(2)).getByLabelText('Delay'));
    await user.type(within(step(2)).getByLabelText('Delay'), '2');
    await user.selectOptions(within(step(2)).getByLabelText('Unit'), 'hours');
    expect(within(step(2)).getByText(/about 2 hours after step 1/)).toBeTruthy();

    await user.type(within(step(1)).getByLabelText('Subject'), 'Quick question');
    await user.click(within(step(1)).getByText('HTML version (optional)'));
    await user.click(within(step(1)).getByLabelText('HTML version'));
    await user.paste('<p>Hi</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>');
    await user.click(within(step(1)).getByRole('button', { name: 'Add variant' }));
    const variantB = within(step(1)).getByRole('group', { name: 'Variant B' });
    await user.clear(within(variantB).getByLabelText('Split weight'));
    await user.type(within(variantB).getByLabelText('Split weight'), '3');
    expect(within(variantB).getByText('75% of new leads get it')).toBeTruthy();
    expect(within(step(1)).getByText('25% of new leads get it')).toBeTruthy();
    await user.type(within(variantB).getByLabelText('Subject'), 'Another idea');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(server.saves).toEqual([
      {
        requireUnsubscribeLink: true,
        steps: [
          {
            delayAmount: 0,
            delayUnit: 'days',
            threadWithFirst: true,
            variants: [
              expect.objectContaining({
                label: 'A',
                weight: 1,
                subject: 'Quick question',
                bodyHtml: '<p>Hi</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
              }),
              expect.objectContaining({ label: 'B', weight: 3, subject: 'Another idea', bodyHtml: null }),
            ],
          },
          { delayAmount: 2, delayUnit: 'hours', threadWithFirst: true, variants: [expect.objectContaining({ label: 'A', subject: '' })] },
        ],
      },
    ]);
    expect(screen.queryByRole('note')).toBeNull();
  }, 15_000);

  it("shows the API's problem at the field it names while typing, and clears it once fixed", async () => {
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add step' }));
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    const body = within(step(2)).getByLabelText('Body');
    await user.clear(body);
    await user.paste('Hi {{lead.fristName}} {{unsubscribeUrl}}');

    await within(step(2)).findByText('Unknown variable "lead.fristName"; did you mean "lead.firstName"? (line 1)');
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(body)).toContain('Unknown variable "lead.fristName"');
    expect(within(step(1)).getByLabelText('Body').getAttribute('aria-invalid')).toBeNull();
    expect(server.saves).toEqual([]);

    await user.clear(body);
    await user.paste('Hi {{lead.firstName}} {{unsubscribeUrl}}');
    await vi.waitFor(() => expect(screen.queryByText(/Unknown variable/)).toBeNull());
    expect(body.getAttribute('aria-invalid')).toBeNull();
    // Typing is checked once it settles, not on every keystroke.
    expect(server.checks.length).toBeLessThan(10);
  }, 15_000);

  it('inserts a lead field or a custom field where the cursor was in the field last edited', async () => {
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add step' }));
    const subject = within(step(1)).getByLabelText('Subject') as HTMLInputElement;
    await user.type(subject, 'Hello , welcome');
    subject.setSelectionRange(6, 6);
    await user.click(within(step(1)).getByRole('button', { name: 'Insert variable in step 1, variant A' }));
    await user.click(await screen.findByRole('menuitem', { name: 'First name' }));
    expect(subject.value).toBe('Hello {{lead.firstName}}, welcome');

    const body = within(step(1)).getByLabelText('Body') as HTMLTextAreaElement;
    await user.clear(body);
    await user.type(body, 'Plan: ');
    await user.click(within(step(1)).getByRole('button', { name: 'Insert variable in step 1, variant A' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Company Size' }));
    expect(body.value).toBe('Plan: {{lead.custom.[Company Size]}}');
  }, 15_000);

  it('says what saving does to leads already in flight when the campaign is running', async () => {
    server.status = 'active';
    renderSection();
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('Messages waiting to go out keep their step and variant and are sent with the new wording');
    expect(screen.getAllByRole('button', { name: 'Save' })).toHaveLength(1);
  });
});
