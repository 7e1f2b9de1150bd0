// The widget as a customer notices who they talk to: a person taking the chat, replies while the panel is closed,
// the widget following the conversation's language, and the controls to start again or end the chat. The agent
// is driven through the agents' hub (support/agent-hub.mjs), not the console's screens.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { connectAgent } from './support/agent-hub.mjs';
import { agentAccountsEnv } from './support/agents.mjs';
import { saveScreenshot } from './support/artifacts.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { activityWithText, sendAsCustomer, templatePattern, textInTranscript, widgetConversationId } from './support/webchat.mjs';

const step = 15_000;
const testTimeout = 120_000;
const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };
const desktop = { viewport: { width: 1280, height: 800 } };

const dialogs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dialogs');
const messages = JSON.parse(readFileSync(join(dialogs, 'common.json'), 'utf8')).messages;
const say = (key, language, values = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), messages[key][language]);
const queued = (language) => templatePattern(messages.handoffQueued[language], { position: '\\d+', minutes: '\\d+' });
const arabicGreeting = JSON.parse(readFileSync(join(dialogs, 'intents', 'greeting.json'), 'utf8')).steps[0].say.ar;

const browserProblem = missingBrowser();

describe('Who the customer is talking to, in the widget', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  const contexts = [];
  const agents = [];
  const outbox = mkdtempSync(join(tmpdir(), 'supportbot-widget-mail-'));

  before(async () => {
    if (browserProblem) throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    // No Mail:Host: a mailed transcript is written to this folder as an .eml file, which the test reads.
    server = await startServer({ env: { ...agentAccountsEnv([anna]), Mail__PickupDirectory: outbox } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(options = desktop) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  async function openWidget(page) {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.sb-launcher').click();
    await page.locator('.sb-panel').waitFor({ state: 'visible', timeout: step });
    await textInTranscript(page, messages.welcome.en).first().waitFor({ timeout: step });
  }

  /** The customer asks for a person and Anna takes the chat; resolves to Anna's hub and the conversation id. */
  async function handToAnna(page, language, ask) {
    const agent = await connectAgent(browser, server.baseUrl, anna);
    agents.push(agent);
    await sendAsCustomer(page, ask);
    await textInTranscript(page, queued(language)).first().waitFor({ timeout: step });
    const conversationId = await widgetConversationId(page, step);
    await agent.claim(conversationId);
    return { agent, conversationId };
  }

  for (const [language, locale, ask, team, size] of [['en', 'en-US', 'agent', 'Support team', 'desktop'], ['ar', 'ar-SA', 'موظف', 'فريق الدعم', 'phone']]) {
    test(`In ${language === 'en' ? 'English' : 'Arabic'} (${size}) the header shows the person who took the chat, their messages sit under their initials, and going back to the bot shows`, { timeout: testTimeout }, async () => {
      const page = await newPage(size === 'desktop' ? desktop : { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await openWidget(page);
      if (language !== 'en') await page.locator('select.sb-locale').selectOption(locale);
      const { agent, conversationId } = await handToAnna(page, language, ask);

      const joined = page.locator('.sb-system-line', { hasText: say('handoffAccepted', language, { agent: anna.name }) });
      await joined.first().waitFor({ timeout: step });
      const header = page.locator('.sb-header');
      await page.locator('.sb-header[data-owner=person]').waitFor({ timeout: step });
      assert.equal(await header.locator('.sb-title').textContent(), anna.name, 'the header names the person');
      assert.equal(await header.locator('.sb-header__avatar').textContent(), 'A', 'with their initials');
      assert.equal(await header.locator('.sb-subtitle').textContent(), team, 'and says they are the support team, in the chat\'s language');
      assert.equal(await joined.first().locator('xpath=ancestor::*[contains(@class, "webchat__bubble")]').count(), 0, 'the line that Anna joined is a system line, not a bot bubble');

      const reply = language === 'en' ? 'Hello, I am looking at your order now.' : 'مرحبًا، أنا أراجع طلبك الآن.';
      await agent.send(conversationId, reply);
      const answer = activityWithText(page, reply).first();
      await answer.waitFor({ timeout: step });
      assert.equal((await answer.locator('.sb-avatar').textContent()).trim(), 'A', 'Anna\'s message sits under her own initials, not the bot\'s "SB"');
      await answer.locator('.sb-agent-name', { hasText: anna.name }).waitFor({ timeout: step });
      await saveScreenshot(page, `widget-${size}-person-${language}`);

      await agent.returnToBot(conversationId);
      await page.locator('.sb-system-line', { hasText: say('handoffReturned', language, { agent: anna.name }) }).first().waitFor({ timeout: step });
      await page.locator('.sb-header[data-owner=bot]').waitFor({ timeout: step });
      assert.equal(await header.locator('.sb-title').textContent(), 'Acme Store support', 'back with the bot, the header is the bot\'s again');
      assert.equal(await header.locator('.sb-header__avatar').isVisible(), false);
    });
  }

  test('Replies while the panel is closed show a count on the launcher and in the page title, cleared when the customer opens it', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    const pageTitle = await page.title();
    const { agent, conversationId } = await handToAnna(page, 'en', 'agent');
    await page.locator('.sb-header[data-owner=person]').waitFor({ timeout: step });
    await page.locator('.sb-close').click();
    assert.equal(await page.locator('.sb-badge').isVisible(), false, 'nothing unread yet');

    await agent.send(conversationId, 'Are you still there?');
    await agent.send(conversationId, 'I found your order.');
    const badge = page.locator('.sb-badge');
    await page.locator('.sb-badge', { hasText: '2' }).waitFor({ timeout: step });
    assert.ok(await page.locator('.sb-launcher .sb-badge').isVisible(), 'the count is on the launcher');
    await page.waitForFunction((title) => document.title !== title, pageTitle, { timeout: step });
    assert.match(await page.title(), /^\(2\) /, 'and in the page title');

    await page.locator('.sb-launcher').click();
    await textInTranscript(page, 'I found your order.').first().waitFor({ timeout: step });
    assert.equal(await badge.isVisible(), false, 'opening the chat clears the count');
    assert.equal(await page.title(), pageTitle, 'and the title');

    // On the next page the widget reconnects in the background: what was read stays read, a new reply counts.
    await page.locator('.sb-close').click();
    await page.reload();
    await page.waitForFunction(() => window.SupportBotWidget, null, { timeout: step });
    await agent.send(conversationId, 'One more thing.');
    await page.locator('.sb-badge', { hasText: '1' }).waitFor({ timeout: step });
  });

  test('When the customer writes Arabic the widget follows: the picker, the send box and the whole panel right to left', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    const englishPlaceholder = await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder');
    assert.equal(await page.locator('.sb-panel').getAttribute('dir'), 'ltr');

    await sendAsCustomer(page, 'مرحبا');
    await textInTranscript(page, arabicGreeting).first().waitFor({ timeout: step });

    await page.locator('.sb-panel[dir=rtl]').waitFor({ timeout: step });
    assert.equal(await page.locator('select.sb-locale').inputValue(), 'ar-SA', 'the picker shows Arabic');
    await page.waitForFunction((before) => document.querySelector('[data-id="webchat-sendbox-input"]')?.placeholder !== before, englishPlaceholder, { timeout: step });
    assert.match(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder'), /\p{Script=Arabic}/u, 'the send box speaks Arabic');
    assert.equal(await page.locator('.webchat__basic-transcript').evaluate((element) => getComputedStyle(element).direction), 'rtl');
    assert.equal(await page.locator('.sb-header').evaluate((element) => getComputedStyle(element).direction), 'rtl', 'the header too, not only the text');
    assert.equal(await textInTranscript(page, 'مرحبا').count() >= 1, true, 'the conversation is still there');
  });

  test('A new conversation starts afresh, and an ended chat stays ended until the customer starts again', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    await sendAsCustomer(page, 'hello there');
    await textInTranscript(page, 'hello there').first().waitFor({ timeout: step });
    const first = await widgetConversationId(page, step);

    await page.locator('.sb-menu-button').click();
    await page.locator('.sb-new-chat').click();
    await textInTranscript(page, messages.welcome.en).first().waitFor({ timeout: step });
    assert.equal(await textInTranscript(page, 'hello there').count(), 0, 'the old messages are gone');
    await page.waitForFunction((old) => Object.keys(localStorage).some((key) => key.endsWith(':session') && !localStorage.getItem(key).includes(old)), first, { timeout: step });
    assert.notEqual(await widgetConversationId(page, step), first, 'a new conversation');

    await page.locator('.sb-menu-button').click();
    await page.locator('.sb-end-chat').click();
    const notice = page.locator('.sb-notice');
    await notice.waitFor({ state: 'visible', timeout: step });
    assert.equal(await textInTranscript(page, messages.welcome.en).count(), 0, 'the ended chat is cleared from the panel');
    await page.locator('.sb-close').click();
    await page.locator('.sb-launcher').click();
    assert.ok(await notice.isVisible(), 'reopening the panel does not start a chat by itself');
    assert.equal(await textInTranscript(page, messages.welcome.en).count(), 0);

    await notice.locator('.sb-link').click();
    await textInTranscript(page, messages.welcome.en).first().waitFor({ timeout: step });
  });

  test('A customer has the conversation mailed to the address they type, and a wrong address is named as such', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    await sendAsCustomer(page, 'hello there');
    await textInTranscript(page, 'hello there').first().waitFor({ timeout: step });

    await page.locator('.sb-menu-button').click();
    await page.locator('.sb-email-transcript').click();
    const form = page.locator('.sb-transcript');
    await form.waitFor({ state: 'visible', timeout: step });
    const status = form.locator('.sb-transcript__status');
    await form.locator('.sb-transcript__email').fill('kim at example');
    await form.locator('.sb-transcript__send').click(); // the browser's own check stops a non-address first
    await form.locator('.sb-transcript__email').evaluate((input) => { input.type = 'text'; });
    await form.locator('.sb-transcript__send').click();
    await status.filter({ hasText: 'Please type one email address' }).waitFor({ timeout: step });

    await form.locator('.sb-transcript__email').fill('kim@example.com');
    await form.locator('.sb-transcript__send').click();
    await status.filter({ hasText: 'Sent to kim@example.com.' }).waitFor({ timeout: step });
    const mails = readdirSync(outbox).filter((name) => name.endsWith('.eml')).map((name) => readFileSync(join(outbox, name), 'utf8'));
    assert.ok(mails.some((mail) => mail.includes('kim@example.com') && mail.includes('hello there')), 'the mail to kim@example.com holds the conversation');
  });
});
