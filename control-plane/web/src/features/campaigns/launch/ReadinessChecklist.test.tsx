import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignReadiness } from '../queries';
import { ReadinessChecklist } from './ReadinessChecklist';

afterEach(cleanup);

const forecast: CampaignReadiness['forecast'] = {
  from: '2026-12-01T10:00:00.000Z',
  until: '2026-12-02T10:00:00.000Z',
  sendsPossibleToday: 0,
  capacityToday: 0,
  campaignDailyCapRemaining: null,
  workflowRunsEveryMinutes: 5,
  mailboxes: [],
  queued: { readyNow: 2, waitingForWindow: [], laterWithin24h: 0, later: 0, laterFrom: null },
  summary: '0 sends possible today (room for 0: 1 mailbox × cap 20 − 20 sent); 2 leads ready now',
};

function readiness(checks: CampaignReadiness['checks']): CampaignReadiness {
  return {
    campaignId: '6f1c1f1e-0000-4000-8000-0000000000aa',
    status: 'draft',
    ready: checks.every((check) => check.passed || !check.blocking),
    checks,
    windows: [],
    forecast,
  };
}

describe('ReadinessChecklist', () => {
  it('lists every check in a region named Readiness, each failing one with its reason and whether it blocks the start', () => {
    render(
      <ReadinessChecklist
        readiness={readiness([
          { code: 'sequence_has_steps', passed: true, blocking: true, message: 'The sequence has 2 steps' },
          { code: 'active_mailbox', passed: false, blocking: true, message: 'Attach at least one active mailbox' },
          {
            code: 'sending_capacity',
            passed: false,
            blocking: false,
            message: 'No mailbox can send today: its mailbox is at their daily limit',
          },
        ])}
      />,
    );
    const region = screen.getByRole('region', { name: 'Readiness' });
    expect(
      within(region)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual([
      'Passed: The sequence has 2 steps',
      'Required: Attach at least one active mailbox',
      'Warning: No mailbox can send today: its mailbox is at their daily limit',
    ]);
    expect(
      within(region)
        .getAllByRole('link', { name: 'Go to Sending' })
        .map((link) => link.getAttribute('href')),
    ).toEqual(['#sending', '#sending']);
    expect(within(region).getByText('Not ready: fix the required items')).toBeTruthy();
    expect(within(region).getByText(forecast.summary)).toBeTruthy();
  });

  it('says the campaign is ready when only non-blocking checks fail', () => {
    render(
      <ReadinessChecklist
        readiness={readiness([
          { code: 'active_mailbox', passed: true, blocking: true, message: '1 active mailbox attached' },
          {
            code: 'leads_enrolled',
            passed: false,
            blocking: false,
            message: 'Enrol leads: the campaign can start, but has no one to send to',
          },
        ])}
      />,
    );
    const region = screen.getByRole('region', { name: 'Readiness' });
    expect(within(region).getByText('Ready to start')).toBeTruthy();
    expect(within(region).queryByText('(required to start)')).toBeNull();
  });

  it('names a sequence without steps once: the messages of its steps are not a second finding', () => {
    render(
      <ReadinessChecklist
        readiness={readiness([
          { code: 'sequence_has_steps', passed: false, blocking: true, message: 'Add at least one step to the sequence' },
          { code: 'steps_have_messages', passed: false, blocking: true, message: 'No steps yet' },
          { code: 'active_mailbox', passed: false, blocking: true, message: 'Attach at least one active mailbox' },
        ])}
      />,
    );
    expect(
      within(screen.getByRole('region', { name: 'Readiness' }))
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual(['Required: Add at least one step to the sequence', 'Required: Attach at least one active mailbox']);
  });

  it('lists a step without a message once the sequence has steps', () => {
    render(
      <ReadinessChecklist
        readiness={readiness([
          { code: 'sequence_has_steps', passed: true, blocking: true, message: 'The sequence has 2 steps' },
          { code: 'steps_have_messages', passed: false, blocking: true, message: 'Step 2 has no message' },
        ])}
      />,
    );
    expect(
      within(screen.getByRole('region', { name: 'Readiness' })).getByRole('listitem', { name: 'Required: Step 2 has no message' }),
    ).toBeTruthy();
  });

  it('links a failing sending domain to the page of each mailbox that sends from it, where its records are fixed', () => {
    const mailboxId = '6f1c1f1e-0000-4000-8000-0000000000bb';
    render(
      <ReadinessChecklist
        readiness={readiness([
          {
            code: 'sending_domains',
            passed: false,
            blocking: true,
            overridable: true,
            message:
              "ada@acme.example (acme.example) fails DMARC: fix the DNS records shown on the mailbox's page, or start anyway with a reason",
            mailboxes: [{ id: mailboxId, email: 'ada@acme.example' }],
          },
        ])}
      />,
    );
    const region = screen.getByRole('region', { name: 'Readiness' });
    expect(within(region).getByRole('link', { name: 'Open ada@acme.example' }).getAttribute('href')).toBe(`/mailboxes/${mailboxId}`);
    expect(within(region).queryByRole('link', { name: 'Go to Sending' })).toBeNull();
  });
});
