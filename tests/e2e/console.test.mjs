// The agent console as agents use it, at a desk (1280×800) and on a phone (390×844, mobile emulation): knowing the
// customer, transferring with a note, ratings that stay, answering tickets by mail, canned responses with "/",
// shortcuts under "?", and the phone's separate screens. Customers are on the Direct Line API (support/directline.mjs).
// Screenshots for the guides go to tests/e2e/artifacts/ (git-ignored): console-desktop.png, console-desktop-tickets.png,
// console-phone-queue.png, console-phone-chat.png (an Arabic chat).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { phone, signedInConsole } from './support/console.mjs';
import { startCustomer } from './support/directline.mjs';
import { startServer } from './support/server.mjs';

const step = 15_000;
const testTimeout = 150_000;
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'], capacity: 10 };
const ben = { id: 'ben', name: 'Ben', password: 'e2e-ben-password', roles: ['agent'] };

const browserProblem = missingBrowser();

describe('The agent console at a desk and on a phone', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  let outbox;
  const contexts = [];

  before(async () => {
    if (browserProblem) throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    mkdirSync(artifacts, { recursive: true });
    // No Mail:Host: ticket replies are written to this folder as .eml files, which the test reads.
    outbox = mkdtempSync(join(tmpdir(), 'e2e-outbox-'));
    server = await startServer({ env: { ...agentAccountsEnv([anna, ben]), Mail__PickupDirectory: outbox } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  });

  afterEach(async () => { await Promise.all(contexts.splice(0).map((context) => context.close())); });

  const signedIn = (account, options) => signedInConsole(browser, server.baseUrl, contexts, account, options);

  const queueItem = (page, id) => page.locator(`[data-testid=queue-item][data-conversation-id="${id}"]`);
  const pane = (page, id) => page.locator(`[data-testid=chat-pane][data-conversation-id="${id}"]`);

  test('A ticket is answered from the console: the reply is mailed to the customer and shows on the ticket', { timeout: testTimeout }, async () => {
    // First in this file, so no agent is online: asking for one offers to leave a message (the leave_message dialog).
    const customer = await startCustomer(server.baseUrl);
    await customer.say('agent', (a) => /leave a message/i.test(a.text || ''));
    await customer.say('Yes', (a) => /email address/i.test(a.text || ''));
    await customer.say('olga@example.com', (a) => /question/i.test(a.text || ''));
    await customer.say('Kindly phone me back on Friday, thanks in advance.', (a) => /TCK-\d+/.test(a.text || ''));
    const page = await signedIn(anna);

    await page.getByTestId('nav-tickets').click();
    const ticket = page.getByTestId('ticket').filter({ hasText: 'olga@example.com' });
    await ticket.waitFor({ timeout: step });
    await ticket.getByTestId('reply-ticket').click();
    await page.getByTestId('ticket-reply-text').fill('It arrives tomorrow before noon.');
    await page.getByTestId('ticket-reply-send').click();
    await ticket.getByTestId('ticket-reply').waitFor({ timeout: step });
    assert.match(await ticket.getByTestId('ticket-reply').textContent(), /Anna replied by mail[\s\S]*It arrives tomorrow before noon\./);
    await page.screenshot({ path: join(artifacts, 'console-desktop-tickets.png') });

    const mails = readdirSync(outbox).filter((name) => name.endsWith('.eml')).map((name) => readFileSync(join(outbox, name), 'utf8'));
    const mail = mails.find((text) => text.includes('It arrives tomorrow before noon.'));
    assert.ok(mail, 'the reply was written to the outbox');
    assert.match(mail, /^To: olga@example\.com/m);
    assert.match(mail, /> Kindly phone me back on Friday, thanks in advance\./);
  });

  test('Anna sees who the customer is, searches canned responses with "/", leaves note mode after a note, and finds the shortcuts under "?"', { timeout: testTimeout }, async () => {
    const page = await signedIn(anna);
    const customer = await startCustomer(server.baseUrl);
    await customer.say('agent');
    await queueItem(page, customer.conversationId).getByTestId('claim').click();
    const chat = pane(page, customer.conversationId);
    await chat.waitFor({ timeout: step });

    const panel = chat.getByTestId('customer-panel');
    assert.equal(await panel.evaluate((details) => details.open), true, 'the panel is open beside the chat on a desktop');
    assert.equal((await panel.getByTestId('customer-page').textContent()).trim(), `${server.baseUrl}/orders/ORD-10004`);
    assert.equal((await panel.getByTestId('customer-browser').textContent()).trim(), 'Chrome 140 on Linux');
    assert.match(await panel.getByTestId('customer-time').textContent(), /\d{2}:\d{2}.*\(Asia\/Bangkok\)/);
    assert.equal((await panel.getByTestId('customer-language').textContent()).trim(), 'English');
    // Earlier conversations come from the history API after the panel is drawn: wait for the answer, not "Looking…".
    await panel.getByTestId('customer-earlier').getByText(/None known/).waitFor({ timeout: step });
    const box = await panel.boundingBox();
    const transcriptBox = await chat.getByTestId('transcript').boundingBox();
    assert.ok(box.x >= transcriptBox.x + transcriptBox.width - 1, 'the panel is beside the transcript, not above it');

    // "/" and a few letters find a canned response; Enter puts its text in instead of sending "/refund".
    const composer = chat.getByTestId('composer');
    await composer.fill('');
    await composer.pressSequentially('/refund');
    const options = chat.getByTestId('canned-option');
    await options.first().waitFor({ timeout: step });
    assert.equal(await options.count(), 1, 'only the refund response matches "refund"');
    await composer.press('Enter');
    assert.match(await composer.inputValue(), /refund/i);
    assert.doesNotMatch(await composer.inputValue(), /^\//, 'the search text is replaced by the response');
    assert.equal(await chat.getByTestId('canned-search').isVisible(), false);
    await composer.fill('');

    // A note, then the composer is for replies again.
    await chat.getByTestId('note-toggle').click();
    await composer.fill('Customer sounds in a hurry.');
    await composer.press('Enter');
    await chat.getByTestId('note').getByText('Customer sounds in a hurry.').waitFor({ timeout: step });
    assert.equal(await chat.getByTestId('note-toggle').getAttribute('aria-pressed'), 'false', 'note mode ends with the note posted');
    assert.match(await composer.getAttribute('placeholder'), /Reply to the customer/);

    // "?" outside the composer lists the shortcuts.
    await composer.press('Escape');
    await page.keyboard.press('?');
    const shortcuts = page.getByTestId('shortcuts');
    await shortcuts.waitFor({ state: 'visible', timeout: step });
    const listed = await shortcuts.textContent();
    for (const what of ['Next chat', 'Claim', 'Close']) assert.ok(listed.includes(what), `"?" lists ${what}`);
    await page.screenshot({ path: join(artifacts, 'console-shortcuts.png') });
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'hidden', timeout: step });
    // "x" opens the close form of the open chat.
    await page.keyboard.press('x');
    await chat.getByTestId('close-intent').waitFor({ state: 'visible', timeout: step });
  });

  test('Transfer offers only colleagues who can take the chat, carries a note, and the rating stays with the chat after it closes', { timeout: testTimeout }, async () => {
    const annaPage = await signedIn(anna);
    const customer = await startCustomer(server.baseUrl);
    await customer.say('agent');
    await queueItem(annaPage, customer.conversationId).getByTestId('claim').click();
    const annaChat = pane(annaPage, customer.conversationId);
    const target = annaChat.getByTestId('transfer-target');
    await target.waitFor({ timeout: step });
    const values = async () => target.locator('option:not([disabled])').evaluateAll((all) => all.map((o) => o.value));
    assert.deepEqual(await values(), ['', '@queue'], 'Ben is not signed in: only the queue is offered');
    assert.match(await target.textContent(), /No colleague can take it now/);

    const benPage = await signedIn(ben);
    // Ben's arrival (PresenceChanged) makes Anna's console ask again who can take the chat.
    await annaPage.waitForFunction(() => [...document.querySelectorAll('[data-testid=transfer-target] option')].some((o) => o.value === 'ben'), null, { timeout: step });
    await target.selectOption('ben');
    await annaChat.getByTestId('transfer-note').fill('Wants a refund for ORD-10004, already checked the address.');
    await annaChat.getByTestId('transfer').click();

    const benChat = pane(benPage, customer.conversationId);
    await benChat.waitFor({ timeout: step });
    await benChat.getByTestId('note').getByText('Wants a refund for ORD-10004').waitFor({ timeout: step });
    assert.equal(await annaPage.locator('.toast--error').count(), 0, 'no refusal was shown to Anna');
    // Had Ben gone offline in between, Anna would read the hub's sentence, not its code ("offline: ...").
    const shown = await annaPage.evaluate(async () => (await import('/agent/format.js'))
      .describe(new Error("An unexpected error occurred invoking 'Transfer' on the server. HubException: offline: Ben is not online.")));
    assert.equal(shown, 'Ben is not online.');

    // Ben closes; the customer rates 4 after the tab is gone, and the rating stays in "Recently closed".
    await benChat.getByTestId('close-chat').click();
    await benChat.getByTestId('close-intent').selectOption({ index: 1 });
    await benChat.getByTestId('close-submit').click();
    await benChat.waitFor({ state: 'detached', timeout: step });
    const recent = benPage.locator(`[data-testid=recent-item][data-conversation-id="${customer.conversationId}"]`);
    await recent.waitFor({ timeout: step });
    assert.match(await recent.textContent(), /Not rated yet/);
    await customer.waitFor((a) => (a.suggestedActions?.actions || []).length === 5);
    await customer.say('4');
    await recent.getByTestId('recent-rating').waitFor({ timeout: step });
    assert.match(await recent.getByTestId('recent-rating').textContent(), /★★★★☆\s*4\/5/);
    await benPage.reload();
    await benPage.locator('[data-testid=status-toggle][data-status=available]').waitFor({ timeout: step });
    await recent.getByTestId('recent-rating').waitFor({ timeout: step }); // still there after a reload: it is the server's
    await benPage.screenshot({ path: join(artifacts, 'console-desktop-recent.png') });
  });

  test('On a phone the queue and an Arabic chat are screens of their own, with the composer on screen', { timeout: testTimeout }, async () => {
    const page = await signedIn(anna, phone);
    const customer = await startCustomer(server.baseUrl, { locale: 'ar', timeZone: 'Asia/Riyadh' });
    await customer.say('موظف');
    const item = queueItem(page, customer.conversationId);
    await item.waitFor({ timeout: step });
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(await noSideways(), 'the queue screen does not scroll sideways');
    assert.equal(await page.locator('.main').isVisible(), false, 'the chat area is a screen of its own, not a squeezed column');
    await page.screenshot({ path: join(artifacts, 'console-phone-queue.png') });

    await item.getByTestId('claim').tap();
    const chat = pane(page, customer.conversationId);
    await chat.waitFor({ timeout: step });
    assert.equal(await page.locator('.queue').isVisible(), false, 'the claimed chat fills the screen');
    assert.equal(await chat.getByTestId('customer-panel').evaluate((details) => details.open), false, 'the customer panel is folded on a phone');
    assert.equal(await chat.getByTestId('transcript').getAttribute('dir'), 'rtl');
    const composer = await chat.getByTestId('composer').boundingBox();
    assert.ok(composer && composer.y >= 0 && composer.y + composer.height <= 844, `the composer is on screen (${JSON.stringify(composer)})`);
    const send = await chat.getByTestId('send').boundingBox();
    assert.ok(send && send.y + send.height <= 844, 'Send is on screen');
    assert.ok(await noSideways(), 'the chat screen does not scroll sideways');
    await chat.getByTestId('composer').fill('مرحبًا، كيف أساعدك؟');
    await chat.getByTestId('send').tap();
    await chat.locator('[data-testid=transcript-entry][data-sender=agent]').getByText('مرحبًا، كيف أساعدك؟').waitFor({ timeout: step });
    await page.screenshot({ path: join(artifacts, 'console-phone-chat.png') });

    await chat.getByTestId('customer-panel').locator('summary').tap();
    assert.match(await chat.getByTestId('customer-time').textContent(), /Asia\/Riyadh/);
    await page.getByTestId('mobile-queue').tap();
    await page.locator('.queue').waitFor({ state: 'visible', timeout: step });
    assert.equal(await page.locator('.main').isVisible(), false);
  });

  test('Slots the bot gathered show under labels a person reads, and the console at a desk is saved for the guides', { timeout: testTimeout }, async () => {
    const page = await signedIn(anna);
    const first = await startCustomer(server.baseUrl);
    await first.say('Where is my order ORD-10004?');
    await first.say('agent');
    const second = await startCustomer(server.baseUrl, { locale: 'ar', timeZone: 'Asia/Riyadh' });
    await second.say('موظف');
    await queueItem(page, first.conversationId).getByTestId('claim').click();
    await pane(page, first.conversationId).waitFor({ timeout: step });
    const panel = pane(page, first.conversationId).getByTestId('customer-panel');
    assert.match(await panel.textContent(), /Order number\s*ORD-10004/, 'the order-status dialog\'s slot, labelled');
    assert.doesNotMatch(await panel.textContent(), /orderNumber/, 'no slot keys');
    await queueItem(page, second.conversationId).waitFor({ timeout: step });
    await page.screenshot({ path: join(artifacts, 'console-desktop.png') });
  });
});
