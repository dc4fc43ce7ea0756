// The unified inbox end to end in Chromium: replies reported as the inbox watcher reports them appear
// without a reload, with the unread count; filters live in the URL; a thread is read, marked unread and
// read again, labelled with a built-in label and one of the organization's own; a reply is written and
// its state moves from queued to sent once the n8n side claims and reports it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { type BrowserSession, checkPage, registerInBrowser, startBrowser } from '../browser.js';
import { leadReplies } from '../leadReplies.js';
import { createListeningTestApp } from '../listeningApp.js';
import { callAsN8n } from '../n8nCallbacks.js';
import { campaignWithFirstStepSent, type ClaimedItem } from '../sentMessages.js';

const clock = new ManualClock(new Date());
let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  app = await createListeningTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
  session = await startBrowser();
  ({ page, consoleErrors } = await session.newPage());
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

const conversations = () => page.getByRole('list', { name: 'Conversations' });
const conversation = (name: string) => conversations().getByRole('link', { name: new RegExp(name) });
const messages = () => page.getByRole('list', { name: 'Messages' });

/** A campaign whose first step went out to two leads, named as a marketer would see them. */
async function campaignSent(organizationId: string): Promise<ClaimedItem[]> {
  const sent = await campaignWithFirstStepSent(app, clock, { organizationId, leads: 2 });
  await app.prisma.campaign.update({ where: { id: sent.campaign.id }, data: { name: 'Q1 founders outreach' } });
  const [dana, sam] = sent.items;
  await app.prisma.lead.update({ where: { id: dana!.lead.id }, data: { firstName: 'Dana', lastName: 'Reyes', company: 'Northwind' } });
  await app.prisma.lead.update({ where: { id: sam!.lead.id }, data: { firstName: 'Sam', lastName: 'Patel', company: 'Globex' } });
  return sent.items;
}

describe('the unified inbox in a browser', () => {
  it('shows replies live, filters, reads, labels and replies until the reply is sent', async () => {
    const email = `inbox-${Date.now()}@acme.example`;
    await registerInBrowser(page, app.url, {
      name: 'Ines Marketer',
      organization: 'Acme Outreach',
      email,
      password: 'correct horse battery staple',
    });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    const organizationId = user.memberships[0]!.organizationId;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'No replies yet' }).waitFor();
    await checkPage(page, 'inbox-empty');
    await page.evaluate('window.notReloaded = true');

    // Replies reported by the watcher appear without a reload, unread, with the count.
    const [dana, sam] = await campaignSent(organizationId);
    clock.advance(60_000);
    await leadReplies(
      app,
      clock,
      dana!,
      'Sounds interesting. Could we talk on Thursday?\n\nOn Monday you wrote:\n> Step one for Northwind',
    );
    await conversation('Dana Reyes').waitFor();
    expect(await conversation('Dana Reyes').textContent()).toContain('Unread');
    await page
      .getByRole('button', { name: /Unread/ })
      .getByText('1')
      .waitFor();
    clock.advance(60_000);
    await leadReplies(app, clock, sam!, 'I am out of the office until Monday.', 'auto_replied');
    await conversation('Sam Patel').waitFor();
    await page.getByText('2 unread.').waitFor();
    expect(await page.evaluate('window.notReloaded === true')).toBe(true);

    // Unread filter in the URL; the arrow keys move through the list.
    await page.getByRole('button', { name: /Unread/ }).click();
    await page.waitForURL(/unread=true/);
    await expect.poll(() => conversations().getByRole('link').count()).toBe(2);
    await conversations().getByRole('link').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement?.textContent')).toContain('Dana Reyes');
    await page.getByRole('button', { name: 'All conversations' }).click();
    await page.waitForURL((url) => !url.search.includes('unread'));

    // Opening a conversation reads it: every message in order, with its campaign and step.
    await conversation('Dana Reyes').click();
    await page.getByRole('heading', { name: 'Dana Reyes', level: 2 }).waitFor();
    const opened = messages().getByRole('article');
    await expect.poll(() => opened.count()).toBe(2);
    expect(await opened.nth(0).getByRole('heading').textContent()).toBe('You, campaign step 1');
    expect(await opened.nth(1).textContent()).toContain('Could we talk on Thursday?');
    await page.getByRole('link', { name: 'Q1 founders outreach', exact: true }).waitFor();
    await page.getByText('1 unread.').waitFor();
    await page.getByRole('button', { name: 'Mark as unread' }).waitFor();
    await checkPage(page, 'inbox-thread');

    // Mark unread, then read again; the list follows.
    await page.getByRole('button', { name: 'Mark as unread' }).click();
    await page.getByText('2 unread.').waitFor();
    await expect.poll(() => conversation('Dana Reyes').textContent()).toContain('Unread');
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByText('1 unread.').waitFor();
    await expect.poll(() => conversation('Dana Reyes').textContent()).not.toContain('Unread');

    // A built-in label, then a filter by it.
    await page.getByRole('region', { name: 'Dana Reyes' }).getByLabel('Label').selectOption({ label: 'Meeting booked' });
    await conversation('Dana Reyes').getByText('Meeting booked').waitFor();
    await page.getByRole('search', { name: 'Filter conversations' }).getByLabel('Label').selectOption({ label: 'Meeting booked' });
    await page.waitForURL(/label=meeting_booked/);
    await expect.poll(() => conversations().getByRole('link').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => conversations().getByRole('link').count()).toBe(2);

    // A label of the organization's own, on the thread.
    await page.getByLabel('New label').fill('Partner lead');
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByRole('region', { name: 'Your labels' }).getByText('Partner lead').waitFor();
    await page.getByRole('region', { name: 'Dana Reyes' }).getByLabel('Label').selectOption({ label: 'Partner lead' });
    await conversation('Dana Reyes').getByText('Partner lead').waitFor();

    // Reply from the same mailbox in the same thread: queued, then sent once n8n claims and reports it.
    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('Thursday at 10:00 works. I will send an invite.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = messages().getByRole('article', { name: 'Your reply' });
    await reply.getByText(/Queued|Sending/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Reply', exact: true }).inputValue()).toBe('');
    await checkPage(page, 'inbox-reply-queued');

    const claimed = await callAsN8n(app, '/api/internal/n8n/inbox-replies/claims', { organizationId, batchSize: 10 });
    expect(claimed.status, claimed.text).toBe(200);
    const [item] = claimed.body.items;
    expect(item.message.text).toBe('Thursday at 10:00 works. I will send an invite.');
    await reply.getByText('Sending…').waitFor();
    clock.advance(5_000);
    const reported = await callAsN8n(app, '/api/internal/n8n/inbox-replies/results', {
      results: [
        {
          status: 'sent',
          sendId: item.sendId,
          attempt: item.attempt,
          eventId: `${item.sendId}:${item.attempt}:sent`,
          mailboxId: item.mailboxId,
          provider: item.mailbox.provider,
          messageId: `<ophir.${item.sendId}@ophir.example>`,
          providerMessageId: `sandbox-${item.sendId}`,
          threadId: null,
          sentAt: clock.now().toISOString(),
          deduplicated: false,
        },
      ],
    });
    expect(reported.body, reported.text).toMatchObject({ applied: 1 });
    await reply.getByText('Sent', { exact: true }).waitFor();
    await checkPage(page, 'inbox-reply-sent');
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
