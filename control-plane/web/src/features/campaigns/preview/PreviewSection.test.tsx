import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreviewSection } from './PreviewSection';

const campaignId = '6f1c2a4e-1b2c-4d5e-8f90-123456789abc';
const leadId = '0a4b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const mailboxId = '9b8a7c6d-5e4f-4321-8765-43210fedcba9';
const unsubscribeUrl = 'https://ophir.example/u/preview.sig';

// The one API client keeps the fetch it found when created: stand in for the server before it is imported.
const server = vi.hoisted(() => {
  const state = { previews: [] as unknown[], testSends: [] as unknown[] };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === '/api/me') return json(200, { organization: { role: 'member' } });
    if (path === '/api/leads')
      return json(200, { data: [{ id: leadId, email: 'grace@prospect.example', firstName: 'Grace', lastName: null }] });
    if (path === '/api/mailboxes') return json(200, { data: [{ id: mailboxId, email: 'sales@acme.example', provider: 'sandbox' }] });
    if (path.endsWith('/sequence')) {
      return json(200, {
        campaignId,
        requireUnsubscribeLink: true,
        steps: [1, 2].map((step) => ({
          id: `step-${step}`,
          step,
          delayAmount: 0,
          delayUnit: 'days',
          threadWithFirst: true,
          variants: [{ id: `variant-${step}`, label: 'A', weight: 1, subject: '', bodyText: '', bodyHtml: null }],
        })),
      });
    }
    if (path.endsWith('/preview')) {
      const body = (await request.json()) as { step: number };
      state.previews.push(body);
      return json(200, {
        leadId,
        to: 'grace@prospect.example',
        enrollmentId: null,
        steps: [
          {
            step: body.step,
            variantId: `variant-${body.step}`,
            variantLabel: 'A',
            subject: body.step === 1 ? 'Quick question for Hopper Labs' : 'Re: Quick question for Hopper Labs',
            bodyText: `Hi Grace\n\nUnsubscribe: ${unsubscribeUrl}`,
            bodyHtml: null,
            sendId: null,
            unsubscribeUrl,
            headers: [
              { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
              { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
            ],
          },
        ],
      });
    }
    if (path.endsWith('/test-sends')) {
      const body = (await request.json()) as { step: number };
      state.testSends.push(body);
      return json(201, {
        mailboxId,
        sandboxMessageId: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a',
        messageId: '<ophir.test-1@acme.example>',
        to: 'grace@prospect.example',
        subject: 'Re: Quick question for Hopper Labs',
        step: body.step,
        variantLabel: 'A',
      });
    }
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: `${path} is not faked` });
  };
  return state;
});

afterEach(cleanup);

function renderSection() {
  const rootRoute = createRootRoute({ component: () => <PreviewSection campaignId={campaignId} /> });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe('the preview', () => {
  it('renders the chosen step for the first lead with its headers, and sends it as a test with a link to open it', async () => {
    renderSection();
    const user = userEvent.setup();
    const first = await screen.findByRole('article', { name: 'Step 1 for grace@prospect.example' });
    expect(within(first).getByText('Quick question for Hopper Labs')).toBeTruthy();
    expect(within(first).getByText(`<${unsubscribeUrl}>`)).toBeTruthy();
    expect(within(first).getByText('List-Unsubscribe=One-Click')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Step'), '2');
    const second = await screen.findByRole('article', { name: 'Step 2 for grace@prospect.example' });
    expect(within(second).getByText('Re: Quick question for Hopper Labs')).toBeTruthy();
    expect(server.previews).toEqual([
      { leadId, step: 1 },
      { leadId, step: 2 },
    ]);

    await user.click(screen.getByRole('button', { name: 'Send test' }));
    const link = await screen.findByRole('link', { name: 'Open it in the sandbox mailbox' });
    expect(link.getAttribute('href')).toBe(`/mailboxes/${mailboxId}#sandbox-heading`);
    expect(server.testSends).toEqual([{ leadId, step: 2, mailboxId }]);
  }, 15_000);
});
