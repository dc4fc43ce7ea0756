import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthCard } from './HealthCard';
import type { MailboxHealth } from './queries';

// The one API client keeps the fetch it found when created: stand in for the server before it is imported.
const server = vi.hoisted(() => {
  const state = { health: {} as unknown };
  globalThis.fetch = async () =>
    new Response(JSON.stringify(state.health), { status: 200, headers: { 'Content-Type': 'application/json' } });
  return state;
});

afterEach(cleanup);

const part = (name: string, points: number, maxPoints: number, explanation = `${name} explained`) => ({
  name,
  points,
  maxPoints,
  explanation,
});
const baseParts = [
  part('hard_bounces', 40, 40),
  part('failures', 20, 20),
  part('replies', 10, 10),
  part('authentication', 10, 10),
  part('sending_domain', 5, 10),
  part('age', 0, 10),
];

function health(overrides: Partial<MailboxHealth>): MailboxHealth {
  return {
    score: 85,
    parts: baseParts,
    warmingDay: null,
    window: { attempts: 40, sent: 40, failed: 0, hardBounces: 0, replies: 1, hardBounceRate: 0, failureRate: 0, replyRate: 0.025 },
    autoPause: { bounceRateThreshold: 0.05, minSends: 20, wouldPause: false },
    status: 'active',
    statusReason: null,
    ...overrides,
  };
}

async function renderCard(answer: MailboxHealth) {
  server.health = answer;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <HealthCard mailboxId="b4a1c7f0-0000-4000-8000-000000000001" />
    </QueryClientProvider>,
  );
  const card = await screen.findByRole('region', { name: 'Health' });
  await within(card).findByText(`${answer.score} / 100`);
  return card;
}

describe('the health card', () => {
  it('shows inbox placement like the other parts, how the score is scaled with it, and that the mailbox is warming', async () => {
    const placement = part(
      'inbox_placement',
      10,
      20,
      '14 of 20 warm-up messages in the inbox over 7 days (70.0%; 5 in spam, 1 missing); full points from 90.0%, 0 at 50.0%',
    );
    const card = await renderCard(health({ score: 79, parts: [...baseParts, placement], warmingDay: 3 }));
    const item = within(card).getByText('Inbox placement (warm-up)').closest('li')!;
    expect(within(item).getByText('10 of 20')).toBeTruthy();
    expect(within(item).getByText(placement.explanation)).toBeTruthy();
    expect(within(card).getByText('Warming · day 3 of 14')).toBeTruthy();
    expect(within(card).getByText('79 / 100')).toBeTruthy();
    expect(within(card).getByText(/This mailbox is in its first 14 days of warm-up/)).toBeTruthy();
    expect(within(card).getByText(/The score is 95 of 120 points, scaled to 100\./)).toBeTruthy();
  });

  it('has no placement part, no warming badge and no scaling for a mailbox that does not warm up', async () => {
    const card = await renderCard(health({}));
    expect(within(card).getAllByRole('listitem')).toHaveLength(6);
    expect(within(card).queryByText('Inbox placement (warm-up)')).toBeNull();
    expect(within(card).queryByText(/Warming/)).toBeNull();
    expect(within(card).queryByText(/scaled to 100/)).toBeNull();
    expect(within(card).getByText('85 / 100')).toBeTruthy();
  });
});
