// The maintainer page (/maintainer/): the serving intent model's card and the model registry, as a maintainer sees
// them in headless Chromium against the real server, and what an agent without the maintainer role sees instead.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { repoRoot, startServer } from './support/server.mjs';

const step = 15_000; // the longest any one step may take to show
const testTimeout = 90_000;

const mira = { id: 'mira', name: 'Mira', password: 'e2e-mira-password', roles: ['agent', 'maintainer'] };
const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };

// The card written beside the serving model; the server serves the same model (Intents:ModelPath's default).
const card = JSON.parse(readFileSync(join(repoRoot, 'models', 'intent-model.card.json'), 'utf8'));

const browserProblem = missingBrowser();
if (browserProblem && !inCI) {
  console.log(`# skipping the browser tests: ${browserProblem}`);
}

describe('The maintainer page shows the serving model and the registry', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  let registry; // a registry folder of this run's own (Intents:RegistryPath), empty until a test writes its index
  const contexts = [];

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    registry = mkdtempSync(join(tmpdir(), 'supportbot-e2e-registry-'));
    server = await startServer({ env: { ...agentAccountsEnv([mira, anna]), Intents__RegistryPath: registry } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (registry) rmSync(registry, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  async function openPage(page) {
    await page.goto(`${server.baseUrl}/maintainer/`);
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
  }

  async function signIn(page, account) {
    await page.getByTestId('sign-in-name').fill(account.id);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: step });
    assert.equal((await page.getByTestId('signed-in-name').textContent()).trim(), account.name);
  }

  /** Signs in as a maintainer and waits for the model's figures. */
  async function signInAsMaintainer(page) {
    await signIn(page, mira);
    await page.getByTestId('model-version').waitFor({ state: 'visible', timeout: step });
  }

  async function tokenOf(account) {
    const response = await fetch(`${server.baseUrl}/agent/api/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: account.id, password: account.password }),
    });
    assert.equal(response.status, 200, `${account.id} signs in`);
    return (await response.json()).token;
  }

  function writeRegistry(index) {
    writeFileSync(join(registry, 'registry.json'), JSON.stringify(index, null, 2));
  }

  const intentRows = (page) => page.getByTestId('per-intent').locator('tbody tr');
  const versionRows = (page) => page.getByTestId('versions').locator('tbody tr');

  test('A wrong password is turned away, and an agent without the maintainer role is told this page is not for them', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openPage(page);
    await page.getByTestId('sign-in-name').fill(anna.id);
    await page.getByTestId('sign-in-password').fill('not-annas-password');
    await page.getByTestId('sign-in-submit').click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor({ state: 'visible', timeout: step });
    assert.equal((await error.textContent()).trim(), 'Wrong name or password.', 'the server\'s message is shown');
    assert.equal(await page.locator('#app').isVisible(), false);

    await signIn(page, anna);
    const notice = page.getByTestId('not-maintainer');
    await notice.waitFor({ state: 'visible', timeout: step });
    assert.match(await notice.textContent(), /not a maintainer/i);
    assert.equal(await page.getByTestId('model-version').isVisible(), false, 'no model figures for an agent');
    assert.equal(await page.getByTestId('refresh').isVisible(), false);

    // The page only says what the API enforces.
    const token = await tokenOf(anna);
    const forbidden = await fetch(`${server.baseUrl}/maintainer/api/model`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(forbidden.status, 403, 'an agent without the maintainer role is refused');
    const anonymous = await fetch(`${server.baseUrl}/maintainer/api/model`);
    assert.equal(anonymous.status, 401, 'nobody signed in is refused');

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
  });

  test('A maintainer sees the serving model\'s card, a row for every intent, and the empty registry', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    await openPage(page);
    await signInAsMaintainer(page);

    assert.equal((await page.getByTestId('model-version').textContent()).trim(), card.version, 'the version of models/intent-model.card.json');
    assert.equal((await page.getByTestId('score-accuracy').locator('.score__value').textContent()).trim(), `${card.validation.accuracy.toFixed(1)}%`);

    const rows = intentRows(page);
    await rows.first().waitFor({ timeout: step });
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.intent));
    assert.equal(shown.length, card.labels.length, 'one row per intent');
    assert.deepEqual([...shown].sort(), [...card.labels].sort(), 'every intent of the card, once');

    // F1 below 70 is highlighted; clicking F1 sorts by it, clicking again reverses.
    const weak = card.validation.perIntent.filter((row) => row.f1 < 70).map((row) => row.intent).sort();
    assert.deepEqual((await page.getByTestId('per-intent').locator('tbody tr.weak').evaluateAll((trs) => trs.map((tr) => tr.dataset.intent))).sort(), weak);
    const f1Header = page.getByTestId('per-intent').locator('th[data-key=f1]');
    const f1Column = () => rows.evaluateAll((trs) => trs.map((tr) => parseFloat(tr.cells[4].textContent)));
    await f1Header.getByRole('button').click();
    assert.equal(await f1Header.getAttribute('aria-sort'), 'ascending');
    const ascending = await f1Column();
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'lowest F1 first');
    await f1Header.getByRole('button').click();
    assert.equal(await f1Header.getAttribute('aria-sort'), 'descending');
    const descending = await f1Column();
    assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'highest F1 first');

    const languages = await page.getByTestId('per-language').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.language));
    assert.deepEqual(languages.sort(), card.validation.perLanguage.map((row) => row.language).sort(), 'a row per language');
    assert.equal(await page.getByTestId('most-confused').locator('tbody tr').count(), card.validation.mostConfused.length);
    assert.equal(await page.getByTestId('reliability').locator('tbody tr').count(), card.validation.reliability.length);

    const versions = page.getByTestId('versions');
    assert.equal(await versions.isVisible(), true, 'the registry section is there');
    assert.match(await page.getByTestId('versions-empty').textContent(), /no versions registered yet; the first promote registers the serving model/i);
    assert.match(await page.getByTestId('cli-note').textContent(), /promote --candidate <zip>[\s\S]*rollback/);

    const origin = new URL(server.baseUrl).origin;
    assert.deepEqual(urls.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin), [], 'nothing from another origin');
  });

  test('A maintainer switches the figures to a frozen set recorded in the card, and back to validation', { timeout: testTimeout }, async () => {
    const recorded = card.evaluations || [];
    assert.ok(recorded.length > 0, 'the shipped card records its frozen sets (supportbot evaluate --record)');
    const frozen = recorded.find((evaluation) => evaluation.name === 'frozen-v2') ?? recorded[0];
    const page = await newPage();
    await openPage(page);
    await signInAsMaintainer(page);

    const picker = page.getByTestId('figures-from');
    assert.equal(await picker.isVisible(), true);
    assert.deepEqual(await picker.locator('option').evaluateAll((options) => options.map((option) => option.value)),
      ['validation', ...recorded.map((evaluation) => evaluation.name)]);
    const accuracy = () => page.getByTestId('score-accuracy').locator('.score__value').textContent();
    const examples = async (language) => Number((await page.getByTestId('per-language')
      .locator(`tbody tr[data-language=${language}] td`).nth(2).textContent()).replace(/\D/g, ''));
    const support = async (intent) => Number((await page.getByTestId('per-intent')
      .locator(`tbody tr[data-intent=${intent}] td`).nth(1).textContent()).replace(/\D/g, ''));

    await picker.selectOption(frozen.name);
    assert.equal((await accuracy()).trim(), `${frozen.report.accuracy.toFixed(1)}%`);
    assert.equal(await examples('ar'), frozen.report.perLanguage.find((row) => row.language === 'ar').examples);
    assert.equal(await support('order_status'), frozen.report.perIntent.find((row) => row.intent === 'order_status').support);
    assert.match(await picker.locator('option:checked').textContent(), /examples, evaluated /);

    await picker.selectOption('validation');
    assert.equal((await accuracy()).trim(), `${card.validation.accuracy.toFixed(1)}%`);
    assert.equal(await examples('ar'), card.validation.perLanguage.find((row) => row.language === 'ar').examples);
  });

  test('Registered versions show within 30 s and on Refresh, the current one marked, their text never run as markup', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await page.clock.install();
    await openPage(page);
    await signInAsMaintainer(page);
    await page.getByTestId('versions-empty').waitFor({ state: 'visible', timeout: step });

    // A promotion: the index now knows an earlier version and the serving one. The page picks it up by itself.
    const earlier = '20260101-000000-aaaaaaaa';
    const odd = '<img src=x onerror=window.__xss=1>';
    writeRegistry({
      current: card.version,
      history: [earlier, card.version],
      versions: [
        { version: odd, promotedAt: '2025-12-01T10:00:00+00:00', validationAccuracy: 70.5, intents: 3, dataHash: '<b>hash</b>' },
        { version: earlier, promotedAt: '2026-01-01T10:00:00+00:00', validationAccuracy: 79.25, intents: card.labels.length, dataHash: 'ab'.repeat(32) },
        { version: card.version, promotedAt: '2026-11-23T09:30:00+00:00', validationAccuracy: card.validation.accuracy, intents: card.labels.length, dataHash: card.dataHash },
      ],
    });
    await page.clock.fastForward(31_000);
    const rows = versionRows(page);
    await rows.nth(2).waitFor({ timeout: step });
    assert.equal(await page.getByTestId('versions-empty').isVisible(), false);
    const current = page.getByTestId('versions').locator('tbody tr[data-current=true]');
    assert.equal(await current.count(), 1, 'one version is current');
    assert.equal(await current.getAttribute('data-version'), card.version);
    assert.match(await current.textContent(), /current/);
    assert.equal(await rows.first().getAttribute('data-version'), card.version, 'the latest promotion first');
    assert.match(await page.getByTestId('versions').locator(`tr[data-version="${earlier}"]`).textContent(), /79\.3%|79\.2%/);
    assert.ok((await page.getByTestId('versions').textContent()).includes(odd), 'markup in the index shows literally');
    assert.equal(await page.getByTestId('versions').locator('img, b').count(), 0, 'and makes no element');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'nor runs');
    assert.equal(await page.getByTestId('registry-mismatch').isVisible(), false, 'the registry agrees with the serving model');

    // A rollback whose model has not reached this server yet: Refresh shows the new current and says they differ.
    writeRegistry({
      current: earlier,
      history: [earlier],
      versions: [
        { version: earlier, promotedAt: '2026-01-01T10:00:00+00:00', validationAccuracy: 79.25, intents: card.labels.length, dataHash: 'ab'.repeat(32) },
        { version: card.version, promotedAt: '2026-11-23T09:30:00+00:00', validationAccuracy: card.validation.accuracy, intents: card.labels.length, dataHash: card.dataHash },
      ],
    });
    await page.getByTestId('refresh').click();
    await page.getByTestId('versions').locator(`tr[data-current=true][data-version="${earlier}"]`).waitFor({ timeout: step });
    assert.equal(await rows.count(), 2);
    await page.getByTestId('registry-mismatch').waitFor({ state: 'visible', timeout: step });
    assert.match(await page.getByTestId('registry-mismatch').textContent(), new RegExp(`${earlier}.*${card.version}`));

    // The session survives a reload (sessionStorage) and ends with Sign out.
    await page.reload();
    await page.getByTestId('model-version').waitFor({ state: 'visible', timeout: step });
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('supportbot:maintainer-session')), null, 'the token is gone');
  });

  test('A token the server no longer accepts goes back to sign-in', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      sessionStorage.setItem('supportbot:maintainer-session', JSON.stringify({
        token: 'forged', expiresAt: Date.now() + 3_600_000, id: 'mira', name: 'Mira', roles: ['agent', 'maintainer'],
      }));
    });
    await page.goto(`${server.baseUrl}/maintainer/`);
    const error = page.getByTestId('sign-in-error');
    await error.waitFor({ state: 'visible', timeout: step });
    assert.match(await error.textContent(), /sign in again/i);
    assert.equal(await page.locator('#app').isVisible(), false);
  });
});
