// Debian's Chromium driven by playwright-core, for the web app's end-to-end tests: one launch recipe,
// one page check (axe + screenshot) shared by every *.browser.test.ts.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { builtWebAppDir } from '../lib/http/webApp.js';
import { controlPlaneRoot } from '../lib/paths.js';

const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = path.join(controlPlaneRoot, 'web', 'screenshots');
// Without the background-networking flags Chromium keeps opening connections this closed network refuses.
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  browser: Browser;
  /** A fresh context (own cookies) and page; its console errors and page errors are collected. */
  newPage(): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }>;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<BrowserSession> {
  if (!existsSync(path.join(builtWebAppDir, 'index.html')))
    throw new Error('The web app is not built: run `npm install` (or `npm run build -w @ophir/web`)');
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  await mkdir(screenshotDir, { recursive: true });
  // launch() gives every run a fresh temporary user-data dir.
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
  return {
    browser,
    newPage: async () => {
      // A fixed locale, so dates the app formats for the user's locale read the same on every host.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', locale: 'en-US' });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        // The auth routes refuse on purpose (no session cookie yet, a wrong password): the browser logs those as failed loads.
        if (message.type() === 'error' && !message.location().url.includes('/api/auth/')) consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return { context, page, consoleErrors };
    },
    close: () => browser.close(),
  };
}

const impacts: axe.ImpactValue[] = ['minor', 'moderate', 'serious', 'critical'];

/**
 * axe on the page as it is: no violation of impact `failFrom` or worse (serious unless told; moderate for the views
 * already cleared of moderate findings), and a screenshot for people to look at.
 */
export async function checkPage(page: Page, name: string, { failFrom = 'serious' }: { failFrom?: 'moderate' | 'serious' } = {}) {
  await page.evaluate(axe.source);
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
  const severe = result.violations.filter((violation) => impacts.indexOf(violation.impact ?? 'minor') >= impacts.indexOf(failFrom));
  expect(
    severe.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    name,
  ).toEqual([]);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  // Every finding, minor and moderate too, beside the screenshot for the people who look at it.
  await writeFile(
    path.join(screenshotDir, `${name}.axe.json`),
    JSON.stringify(
      result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target.join(' ')) })),
      null,
      2,
    ),
  );
}

/** Creates an account through the registration page and waits for the signed-in shell. */
export async function registerInBrowser(
  page: Page,
  appUrl: string,
  account: { name: string; organization: string; email: string; password: string },
) {
  await page.goto(`${appUrl}/register`);
  await page.getByLabel('Name', { exact: true }).fill(account.name);
  await page.getByLabel('Organization', { exact: true }).fill(account.organization);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * One browser and its one page, for a file whose test walks a long journey on that page: lazy routes load slowly
 * while the 2-core host runs other browser tests, hence the minute for each wait.
 */
export async function startBrowserPage(): Promise<{ session: BrowserSession; page: Page; consoleErrors: string[] }> {
  const session = await startBrowser();
  const { page, consoleErrors } = await session.newPage();
  page.setDefaultTimeout(60_000);
  return { session, page, consoleErrors };
}

/** A fresh page (1280 × 800 unless told) signed in as Ada Lovelace, who just registered Acme Outreach and owns it. */
export async function newOwnerPage(session: BrowserSession, appUrl: string, viewport?: { width: number; height: number }) {
  const opened = await session.newPage();
  if (viewport) await opened.page.setViewportSize(viewport);
  const account = {
    name: 'Ada Lovelace',
    organization: 'Acme Outreach',
    email: `owner-${Date.now()}@acme.example`,
    password: 'correct horse battery',
  };
  await registerInBrowser(opened.page, appUrl, account);
  return { ...opened, account };
}

/** Signs in through the sign-in page and waits for the signed-in shell. */
export async function signInInBrowser(page: Page, appUrl: string, account: { email: string; password: string }) {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^User menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}
