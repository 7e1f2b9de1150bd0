// History in the agent console, against the real archive (SQLite in a temporary folder, filled by the server's own
// archive worker): a closed conversation appears, search finds it, its transcript opens with the hand-off and the
// survey; the customer's next chat lists it under "Earlier conversations"; on a phone an Arabic transcript opens
// over the results, right to left; History speaks the language the agent picks (Thai, Arabic right to left).
// Screenshots: artifacts/console-history-desktop.png, console-history-phone.png, console-history-arabic.png.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { connectAgent } from './support/agent-hub.mjs';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { phone, signedInConsole } from './support/console.mjs';
import { startCustomer } from './support/directline.mjs';
import { startServer } from './support/server.mjs';

const step = 15_000;
const archived = 30_000; // the archive worker runs every couple of seconds; a busy machine takes longer
const testTimeout = 180_000;
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'], capacity: 10 };
const ben = { id: 'ben', name: 'Ben', password: 'e2e-ben-password', roles: ['agent'], languages: ['ar', 'en'] };
const unique = () => Math.random().toString(36).slice(2, 10);

const browserProblem = missingBrowser();

describe('History in the agent console at a desk and on a phone', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  let archiveFolder;
  const contexts = [];

  before(async () => {
    if (browserProblem) throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    mkdirSync(artifacts, { recursive: true });
    archiveFolder = mkdtempSync(join(tmpdir(), 'e2e-archive-'));
    server = await startServer({ env: { ...agentAccountsEnv([anna, ben]), Archive__SqlitePath: join(archiveFolder, 'archive.db') } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (archiveFolder) rmSync(archiveFolder, { recursive: true, force: true });
  });

  afterEach(async () => { await Promise.all(contexts.splice(0).map((context) => context.close())); });

  const signedIn = (account, options) => signedInConsole(browser, server.baseUrl, contexts, account, options);

  const historyItem = (page, id) => page.locator(`[data-testid=history-item][data-conversation-id="${id}"]`);

  /**
   * Searches (again and again, while the archive worker catches up) until the conversation is listed and, when
   * `showing` is given, its row matches it: the worker writes a conversation's activities, hand-off and survey as they
   * happen, so a row can be listed before its hand-off or rating has reached the archive.
   */
  async function searchUntilListed(page, id, showing = null) {
    const deadline = Date.now() + archived;
    while (Date.now() < deadline) {
      await page.getByTestId('history-submit').click();
      await page.getByTestId('history-status').filter({ hasText: 'Searching' }).waitFor({ state: 'detached', timeout: step });
      const item = historyItem(page, id);
      if (await item.count() && (!showing || showing.test(await item.textContent()))) return;
      await page.waitForTimeout(500);
    }
    assert.fail(`conversation ${id} never appeared in history${showing ? ` showing ${showing}` : ''}: ${await page.getByTestId('history').textContent()}`);
  }

  test('A closed conversation appears in history, search finds it, and its transcript opens with the hand-off and the rating', { timeout: testTimeout }, async () => {
    const page = await signedIn(anna);
    const word = `zebra${unique()}`;
    const userId = `dl_e2e-history-${unique()}`;
    const customer = await startCustomer(server.baseUrl, { userId });
    await customer.say(`My parcel with the ${word} sticker has not arrived`);
    await customer.say('agent');
    await page.locator(`[data-testid=queue-item][data-conversation-id="${customer.conversationId}"]`).getByTestId('claim').click();
    const chat = page.locator(`[data-testid=chat-pane][data-conversation-id="${customer.conversationId}"]`);
    await chat.getByTestId('close-chat').click();
    await chat.getByTestId('close-intent').selectOption({ index: 1 });
    await chat.getByTestId('close-submit').click();
    await chat.waitFor({ state: 'detached', timeout: step });
    await customer.waitFor((a) => (a.suggestedActions?.actions || []).length === 5);
    await customer.say('5');

    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-q').fill(word.toUpperCase()); // any case
    await searchUntilListed(page, customer.conversationId, /★★★★★/); // the rating is the last thing archived
    assert.equal(await page.getByTestId('history-item').count(), 1, 'the text search found this conversation only');
    const item = historyItem(page, customer.conversationId);
    assert.match(await item.textContent(), /Asked for a person/);
    assert.match(await item.textContent(), new RegExp(`${word} sticker`));

    // The other filters narrow the same search: a rating it does not have finds nothing.
    await page.getByTestId('history-rating').selectOption('1');
    await page.getByTestId('history-submit').click();
    await page.getByTestId('history-status').filter({ hasText: 'No closed conversation matches' }).waitFor({ timeout: step });
    await page.getByTestId('history-rating').selectOption('5');
    await page.getByTestId('history-q').fill('');
    await page.getByTestId('history-customer-id').fill(userId);
    await searchUntilListed(page, customer.conversationId);

    await item.getByRole('button').click();
    const transcript = page.getByTestId('history-transcript');
    await transcript.getByTestId('history-lines').getByText(`My parcel with the ${word} sticker has not arrived`).waitFor({ timeout: step });
    assert.match(await transcript.getByTestId('history-handoff').textContent(), /Asked for a person[\s\S]*anna/);
    assert.match(await transcript.getByTestId('history-survey').textContent(), /★★★★★\s*5\/5/);
    await page.screenshot({ path: join(artifacts, 'console-history-desktop.png') });

    // "Recently closed" under the queue opens the same transcript.
    await page.getByTestId('history-customer-id').fill('');
    await page.getByTestId('history-submit').click();
    await page.locator(`[data-testid=recent-item][data-conversation-id="${customer.conversationId}"]`).getByTestId('recent-open').click();
    await transcript.getByTestId('history-customer').filter({ hasText: userId }).waitFor({ timeout: step });

    // The same customer comes back: the chat's panel lists the first conversation, and it opens in History.
    const again = await startCustomer(server.baseUrl, { userId });
    await again.say('agent');
    await page.getByTestId('nav-chats').click();
    await page.locator(`[data-testid=queue-item][data-conversation-id="${again.conversationId}"]`).getByTestId('claim').click();
    const panel = page.locator(`[data-testid=chat-pane][data-conversation-id="${again.conversationId}"]`).getByTestId('customer-panel');
    const earlier = panel.locator(`[data-testid=customer-earlier-item][data-conversation-id="${customer.conversationId}"]`);
    await earlier.waitFor({ timeout: step });
    assert.equal(await panel.getByTestId('customer-earlier-item').count(), 1, 'the open conversation is not among the earlier ones');
    await earlier.getByRole('button').click();
    await transcript.getByTestId('history-lines').getByText(`My parcel with the ${word} sticker has not arrived`).waitFor({ timeout: step });
  });

  test('History speaks the language the agent picks: Thai, then Arabic right to left, kept after a reload', { timeout: testTimeout }, async () => {
    const page = await signedIn(anna);
    await page.getByTestId('nav-history').click();
    const view = page.getByTestId('history');
    const nobody = `dl_e2e-nobody-${unique()}`;

    await page.getByTestId('history-language').selectOption('th');
    assert.equal(await page.getByTestId('history-submit').textContent(), 'ค้นหา');
    assert.equal(await page.getByTestId('history-q').getAttribute('placeholder'), 'ข้อความในแชท');
    assert.equal(await page.getByTestId('history-customer-id').getAttribute('aria-label'), 'รหัสลูกค้า');
    assert.deepEqual([await view.getAttribute('lang'), await view.getAttribute('dir')], ['th', 'ltr']);
    await page.getByTestId('history-customer-id').fill(nobody);
    await page.getByTestId('history-submit').click();
    await page.getByTestId('history-status').filter({ hasText: 'ไม่พบบทสนทนาที่ปิดแล้วที่ตรงกัน' }).waitFor({ timeout: step });

    await page.getByTestId('history-language').selectOption('ar');
    assert.equal(await page.getByTestId('history-submit').textContent(), 'بحث');
    assert.equal(await view.getByText('لغة الصفحة').count(), 1);
    assert.deepEqual([await view.getAttribute('lang'), await view.getAttribute('dir')], ['ar', 'rtl']);
    await page.getByTestId('history-status').filter({ hasText: 'لا توجد محادثة مغلقة مطابقة.' }).waitFor({ timeout: step });
    await page.screenshot({ path: join(artifacts, 'console-history-arabic.png') });

    await page.reload();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-submit').filter({ hasText: 'بحث' }).waitFor({ timeout: step });
    assert.equal(await view.getAttribute('dir'), 'rtl');
  });

  test('On a phone an Arabic transcript opens over the results, right to left, and Back returns to them', { timeout: testTimeout }, async () => {
    const agent = await connectAgent(browser, server.baseUrl, ben);
    try {
      const customer = await startCustomer(server.baseUrl, { locale: 'ar', timeZone: 'Asia/Riyadh' });
      await customer.say('أين طلبي؟ لم يصل بعد');
      await customer.say('موظف');
      await agent.claim(customer.conversationId);
      await agent.send(customer.conversationId, 'سأتحقق من ذلك الآن');
      await agent.returnToBot(customer.conversationId);

      const page = await signedIn(anna, phone);
      await page.getByTestId('nav-history').click();
      await page.getByTestId('history-q').fill('من ذلك'); // the agent's words: listed once the transcript's last line is archived
      await searchUntilListed(page, customer.conversationId);
      await historyItem(page, customer.conversationId).getByRole('button').click();

      const lines = page.getByTestId('history-lines');
      await lines.getByText('سأتحقق من ذلك الآن').waitFor({ timeout: step });
      assert.equal(await lines.getAttribute('dir'), 'rtl');
      assert.equal(await page.getByTestId('history-list').isVisible(), false, 'the transcript has the screen to itself');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `nothing sticks out sideways (${width}px)`);
      await page.screenshot({ path: join(artifacts, 'console-history-phone.png') });

      await page.getByTestId('history-back').click();
      await historyItem(page, customer.conversationId).waitFor({ state: 'visible', timeout: step });
    } finally {
      await agent.close();
    }
  });
});
