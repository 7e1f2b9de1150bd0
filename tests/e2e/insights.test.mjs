// The insights page (/insights/): a supervisor reads the desk's figures, filled by the real archive worker from real
// Direct Line conversations, in headless Chromium at desktop and phone sizes and in Arabic (right to left).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { startCustomer } from './support/directline.mjs';
import { startServer } from './support/server.mjs';

const step = 15_000;
const testTimeout = 120_000;

const sam = { id: 'sam', name: 'Sam', password: 'e2e-sam-password', roles: ['agent', 'supervisor'] };
const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };

const browserProblem = missingBrowser();
if (browserProblem && !inCI) {
  console.log(`# skipping the browser tests: ${browserProblem}`);
}

describe('The insights page shows the desk\'s figures to supervisors', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  let folder;
  const contexts = [];

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    folder = mkdtempSync(join(tmpdir(), 'supportbot-e2e-insights-'));
    server = await startServer({ env: { ...agentAccountsEnv([sam, anna]), Archive__SqlitePath: join(folder, 'archive.db') } });
    browser = await launchBrowser();

    // Three customers today: two the bot answers (one in Arabic), one who only says hello and leaves.
    const english = await startCustomer(server.baseUrl);
    await english.say('where is my order');
    const arabic = await startCustomer(server.baseUrl, { locale: 'ar-SA' });
    await arabic.say('أين طلبي');
    const third = await startCustomer(server.baseUrl);
    await third.say('hello');
    await waitForArchive(3);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  const today = () => new Date().toISOString().slice(0, 10);

  async function tokenOf(account) {
    const response = await fetch(`${server.baseUrl}/agent/api/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: account.id, password: account.password }),
    });
    assert.equal(response.status, 200, `${account.id} signs in`);
    return (await response.json()).token;
  }

  // The worker archives within a few seconds of the last message; the page reads only the archive.
  async function waitForArchive(count) {
    const token = await tokenOf(sam);
    const deadline = Date.now() + 30_000;
    let last;
    while (Date.now() < deadline) {
      const response = await fetch(`${server.baseUrl}/api/insights/summary?from=${today()}&to=${today()}`, { headers: { Authorization: `Bearer ${token}` } });
      last = await response.json();
      if (last.conversations >= count) return last;
      await new Promise((resolve) => { setTimeout(resolve, 250); });
    }
    throw new Error(`the archive did not reach ${count} conversations in 30 s: ${JSON.stringify(last)}`);
  }

  async function openSignedIn(account, viewport = { width: 1280, height: 900 }, extra = {}) {
    const context = await browser.newContext({ viewport, ...extra });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/insights/`);
    await page.getByTestId('sign-in-name').fill(account.id);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: step });
    return page;
  }

  const figure = (page, id) => page.getByTestId(`figure-${id}`).getByTestId('value');

  test('A supervisor sees the headline figures, the funnel, the trend charts and the tables, and exports CSV', { timeout: testTimeout }, async () => {
    const page = await openSignedIn(sam);
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));

    await page.getByTestId('figure-conversations').waitFor({ timeout: step });
    assert.equal((await figure(page, 'conversations').textContent()).trim(), '3');
    assert.equal((await page.getByTestId('figure-conversations').getByTestId('previous').textContent()).trim(), '0', 'the previous 30 days were empty');
    assert.equal(await page.getByTestId('funnel').locator('li').count(), 5, 'engaged, contained, handed off, picked up, resolved');
    assert.equal(await page.getByTestId('chart-volume').locator('canvas').count(), 1, 'uPlot drew the volume chart');
    assert.equal(await page.getByTestId('chart-rates').locator('canvas').count(), 1);
    const languages = await page.getByTestId('per-language').locator('tbody tr').allTextContents();
    assert.ok(languages.some((row) => row.startsWith('Arabic')), `an Arabic row: ${languages}`);
    assert.ok(await page.getByTestId('per-intent').locator('tbody tr').count() >= 1);

    // The language filter asks the API again and the figures follow.
    await page.getByTestId('language').selectOption('ar');
    await page.getByTestId('show').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=figure-conversations] [data-testid=value]')?.textContent.trim() === '1', null, { timeout: step });

    const download = page.waitForEvent('download', { timeout: step });
    await page.getByTestId('export-daily').click();
    assert.match((await download).suggestedFilename(), /^insights-daily-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(urls.every((url) => url.startsWith(server.baseUrl) || url.startsWith('blob:') || url.startsWith('data:')), `only our own origin: ${urls.filter((u) => !u.startsWith(server.baseUrl))}`);
  });

  test('An agent without the supervisor role is told the page is not for them, and the API agrees', { timeout: testTimeout }, async () => {
    const page = await openSignedIn(anna);

    await page.getByTestId('not-supervisor').waitFor({ state: 'visible', timeout: step });
    assert.equal(await page.getByTestId('headline').isVisible(), false);
    const refused = await fetch(`${server.baseUrl}/api/insights/summary?from=${today()}&to=${today()}`, { headers: { Authorization: `Bearer ${await tokenOf(anna)}` } });
    assert.equal(refused.status, 403);
  });

  test('In Arabic on a phone the page runs right to left, with Arabic digits, and nothing spills sideways', { timeout: testTimeout }, async () => {
    const page = await openSignedIn(sam, { width: 390, height: 844 }, { isMobile: true, hasTouch: true });
    await page.getByTestId('figure-conversations').waitFor({ timeout: step });

    await page.getByTestId('ui-language').selectOption('ar');

    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    assert.equal((await page.getByTestId('figure-conversations').locator('.stat__label').textContent()).trim(), 'المحادثات');
    assert.equal((await figure(page, 'conversations').textContent()).trim(), '٣');
    const headline = await page.getByTestId('headline').boundingBox();
    const first = await page.getByTestId('figure-conversations').boundingBox();
    assert.ok(first.x + first.width > headline.x + headline.width - 2, 'the first figure sits at the right edge');
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await page.reload();
    await page.getByTestId('figure-conversations').waitFor({ timeout: step });
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', 'the choice survives a reload');
  });
});
