// The main pages (dashboard, campaigns, leads, inbox, mailboxes, deployments) and detail pages (a mailbox's, a campaign's
// results and its builder) while their data is slow and when it fails, in Chromium on the real API: the browser holds
// back or fails each page's main request (Playwright routes; the server runs normally). Held back, the page says what it
// is loading (a labelled status over placeholder rows) under its level-one heading; failing with a 500 problem+json, it
// shows what could not be loaded as a title, the server's detail and Try again, which loads the page once the API
// answers again; no count or empty-state copy stands beside it.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, newOwnerPage, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
// One owner's page visits every view, each test after the one before.
let owner: Awaited<ReturnType<typeof newOwnerPage>>;

beforeAll(async () => {
  app = await createListeningTestApp();
  session = await startBrowser();
  owner = await newOwnerPage(session, app.url);
  owner.page.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

// What the API's error handler answers for an unexpected failure.
const serverFailure = {
  type: 'https://ophir.dev/problems/internal_error',
  title: 'Internal Server Error',
  status: 500,
  code: 'internal_error',
  detail: 'Something went wrong on our side. The error was logged.',
};

interface View {
  name: string;
  path: string;
  api: string;
  loading: string;
  failed: string;
  loaded: (page: Page) => Locator;
  /** What the page shows only when the data loaded (counts, empty-state copy): none of it may stand beside the failure. */
  onlyWhenLoaded?: (page: Page) => Locator;
}

const views: View[] = [
  {
    name: 'dashboard',
    path: '/dashboard',
    api: '/api/stats/overview',
    loading: 'Loading the totals',
    failed: 'The totals could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: /^Last 30 days \(/ }),
  },
  {
    name: 'campaigns',
    path: '/campaigns',
    api: '/api/campaigns',
    loading: 'Loading campaigns',
    failed: 'Campaigns could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: 'No campaigns yet' }),
  },
  {
    name: 'leads',
    path: '/leads',
    api: '/api/leads',
    loading: 'Loading leads',
    failed: 'Leads could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: 'No leads yet' }),
  },
  {
    name: 'inbox',
    path: '/inbox',
    api: '/api/inbox/threads',
    loading: 'Loading conversations',
    failed: 'Conversations could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: 'No replies yet' }),
    // The empty inbox's count beside All conversations and its pane's invitation to start a campaign.
    onlyWhenLoaded: (page) =>
      page.getByRole('button', { name: 'All conversations 0' }).or(page.getByText('Once a campaign is sending', { exact: false })),
  },
  {
    name: 'mailboxes',
    path: '/mailboxes',
    api: '/api/mailboxes',
    loading: 'Loading mailboxes',
    failed: 'Mailboxes could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: 'No mailboxes yet' }),
  },
  {
    name: 'automations',
    path: '/automations',
    api: '/api/deployments',
    loading: 'Loading automations',
    failed: 'Automations could not be loaded',
    loaded: (page) => page.getByRole('heading', { name: 'No automations yet' }),
  },
];

async function ownerAuth() {
  const login = await app.http.post('/api/auth/login').send({ email: owner.account.email, password: owner.account.password });
  return { Authorization: `Bearer ${login.body.accessToken}` };
}

async function slowThenFailing(view: View) {
  const { page, consoleErrors } = owner;
  const isViewApi = (url: URL) => url.pathname === view.api;

  // Held back: a labelled loading status, gone once the answer arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(isViewApi, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${app.url}${view.path}`);
  const loading = page.getByRole('status', { name: view.loading });
  await loading.waitFor();
  await checkPage(page, `${view.name}-loading`, { failFrom: 'moderate' });
  release();
  await view.loaded(page).waitFor();
  expect(await loading.count()).toBe(0);
  if (view.onlyWhenLoaded) expect(await view.onlyWhenLoaded(page).count()).toBeGreaterThan(0);
  await page.unroute(isViewApi);

  // Failing: what could not be loaded as a title and the server's detail, with Try again (after the client's own retries),
  // and no placeholder, count or empty-state copy left.
  await page.route(isViewApi, (route) =>
    route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify(serverFailure) }),
  );
  await page.goto(`${app.url}${view.path}`);
  const failure = page.getByRole('alert').filter({ hasText: view.failed });
  await failure.waitFor();
  expect(await failure.getByText(view.failed, { exact: true }).count()).toBe(1);
  expect(await failure.getByText(serverFailure.detail, { exact: true }).count()).toBe(1);
  expect(await loading.count()).toBe(0);
  expect(await view.loaded(page).count()).toBe(0);
  if (view.onlyWhenLoaded) expect(await view.onlyWhenLoaded(page).count()).toBe(0);
  await checkPage(page, `${view.name}-error`, { failFrom: 'moderate' });
  await page.unroute(isViewApi);
  // The dashboard's chart asks for the same 30 days as its totals: one Try again reloads both.
  await failure.getByRole('button', { name: 'Try again' }).click();
  await view.loaded(page).waitFor();
  expect(await page.getByText(serverFailure.detail).count()).toBe(0);

  // Chromium logs each 500 answer as a failed load; anything else would be the app's own error.
  expect(consoleErrors.filter((error) => !error.includes('status of 500'))).toEqual([]);
}

describe('the main pages while loading and when the API fails, in a browser', () => {
  for (const view of views) {
    it(
      `${view.name}: says what it is loading, and on a server failure says so with Try again, which recovers`,
      () => slowThenFailing(view),
      90_000,
    );
  }

  it("a mailbox's page: says it is loading the mailbox, and on a server failure says so with Try again, which recovers", async () => {
    const mailbox = await app.http
      .post('/api/mailboxes/sandbox')
      .set(await ownerAuth())
      .send({ email: 'demo@sandbox.example' });
    expect(mailbox.status, mailbox.text).toBe(201);
    await slowThenFailing({
      name: 'mailbox-detail',
      path: `/mailboxes/${mailbox.body.id}`,
      api: `/api/mailboxes/${mailbox.body.id}`,
      loading: 'Loading the mailbox',
      failed: 'This mailbox could not be loaded',
      loaded: (page) => page.getByRole('heading', { name: 'demo@sandbox.example', level: 1 }),
    });
  }, 90_000);

  // The axe check of each state fails a page without a level-one heading, so both keep one while the campaign is missing.
  it("a campaign's results and its builder: say they are loading the campaign, and on a server failure say so with Try again", async () => {
    const campaign = await app.http
      .post('/api/campaigns')
      .set(await ownerAuth())
      .send({ name: 'Spring outreach', timezone: 'UTC' });
    expect(campaign.status, campaign.text).toBe(201);
    const api = `/api/campaigns/${campaign.body.id}`;
    const loaded = (page: Page) => page.getByRole('heading', { name: 'Spring outreach', level: 1 });
    const failed = 'This campaign could not be loaded';
    await slowThenFailing({
      name: 'campaign-detail',
      path: `/campaigns/${campaign.body.id}`,
      api,
      loading: 'Loading the campaign',
      failed,
      loaded,
    });
    await slowThenFailing({
      name: 'campaign-builder',
      path: `/campaigns/${campaign.body.id}/edit`,
      api,
      loading: 'Loading the campaign',
      failed,
      loaded,
    });
  }, 180_000);
});
