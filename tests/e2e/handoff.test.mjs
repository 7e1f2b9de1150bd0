// Hand-off to a person, seen from both sides at once: a customer in the widget on the demo site and an agent in
// the agent console (/agent/), each in a browser context of its own, against the real server in headless Chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { directLineSecret, startServer } from './support/server.mjs';
import {
  activityWithText, sendAsCustomer, suggestedButton, templatePattern, textInTranscript, widgetConversationId,
} from './support/webchat.mjs';

const step = 15_000; // the longest any one step may take to show
const testTimeout = 150_000;

const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };

// What the bot says comes from the dialog files, so wording changes there do not break these tests.
const dialogs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dialogs');
const common = JSON.parse(readFileSync(join(dialogs, 'common.json'), 'utf8'));
const messages = common.messages;
const say = (key, language, values = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), messages[key][language]);
const queuedAsFirst = (language) => templatePattern(messages.handoffQueued[language], { position: '1', minutes: '\\d+' });

const browserProblem = missingBrowser();
if (browserProblem && !inCI) {
  console.log(`# skipping the browser tests: ${browserProblem}`);
}

describe('Hand-off from the bot to a person in the agent console', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    // Hand-off is on by default; the only configuration it needs is an agent to take the chats.
    server = await startServer({ env: agentAccountsEnv([anna]) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A page in a browser context of its own: the agent and the customer share nothing but the server. */
  async function newPage(options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    contexts.push(context);
    return context.newPage();
  }

  test('A customer who asks for an agent is queued, claimed by Anna, chats with her, and rates the chat after she closes it', { timeout: testTimeout }, async () => {
    // 1. Anna signs in, after a wrong password is turned away.
    const agent = await newPage();
    await openConsole(agent);
    await agent.getByTestId('sign-in-name').fill(anna.id);
    await agent.getByTestId('sign-in-password').fill('not-annas-password');
    await agent.getByTestId('sign-in-submit').click();
    const signInError = agent.getByTestId('sign-in-error');
    await signInError.waitFor({ state: 'visible', timeout: step });
    assert.notEqual((await signInError.textContent()).trim(), '', 'a refused sign-in says why');
    assert.equal(await agent.locator('#app').isVisible(), false, 'a wrong password does not open the console');
    await signInAs(agent, anna);

    // 2. The customer asks for an agent and is told they are first in the queue.
    const customer = await newPage();
    await openWidget(customer);
    await textInTranscript(customer, messages.welcome.en).first().waitFor({ timeout: step });
    await sendAsCustomer(customer, 'agent');
    await textInTranscript(customer, queuedAsFirst('en')).first().waitFor({ timeout: step });
    const conversationId = await widgetConversationId(customer, step);

    // 3. Anna is told (a toast with a Claim button), sees why and in which language, and claims the chat.
    const toast = agent.locator(`[data-testid=toast][data-conversation-id="${conversationId}"]`);
    await toast.waitFor({ timeout: step });
    assert.match(await toast.textContent(), /Asked for a person.*EN/s, 'the toast says why the customer is waiting and the language');
    assert.equal(await toast.getByRole('button', { name: 'Claim' }).count(), 1, 'the toast offers to claim the chat');
    const queued = queueItem(agent, conversationId);
    await queued.waitFor({ timeout: step });
    const badges = (await queued.locator('.badge').allTextContents()).map((text) => text.trim());
    assert.ok(badges.includes('Asked for a person'), `the reason badge (badges: ${badges.join(' | ')})`);
    assert.ok(badges.includes('EN'), `the language badge (badges: ${badges.join(' | ')})`);
    assert.match(await queued.textContent(), /#1/, 'first in the queue');
    await queued.getByTestId('claim').click();

    await agent.locator(`[data-testid=chat-tab][data-conversation-id="${conversationId}"]`).waitFor({ timeout: step });
    const pane = chatPane(agent, conversationId);
    await pane.waitFor({ timeout: step });
    await queued.waitFor({ state: 'detached', timeout: step });
    const context = pane.getByTestId('handoff-context');
    const transcript = pane.getByTestId('transcript');
    assert.equal(await pane.evaluate((element) => element.firstElementChild?.dataset.testid), 'handoff-context', 'the hand-off context is the first thing in the chat');
    assert.ok((await context.boundingBox()).y < (await transcript.boundingBox()).y, 'the context sits above the transcript');
    assert.match(await context.textContent(), /Asked for a person/, 'the context says why the bot handed off');
    await entries(transcript, 'customer').getByText('agent', { exact: true }).waitFor({ timeout: step });
    assert.deepEqual(await entryTexts(transcript, 'customer'), ['agent'], 'the customer\'s one message, marked as the customer\'s');
    await entries(transcript, 'bot').filter({ hasText: messages.welcome.en }).first().waitFor({ timeout: step });
    await entries(transcript, 'bot').filter({ hasText: queuedAsFirst('en') }).first().waitFor({ timeout: step });
    assert.equal(await entries(transcript, 'customer').filter({ hasText: messages.welcome.en }).count(), 0, 'the bot\'s welcome is not the customer\'s');

    // 4. The customer is told Anna joined.
    await textInTranscript(customer, say('handoffAccepted', 'en', { agent: anna.name })).first().waitFor({ timeout: step });

    // 5. Markup from the customer reaches the agent as text, never as HTML.
    const markup = '<b>where</b> is my parcel <img src=x onerror=window.__xss=1>';
    await sendAsCustomer(customer, markup);
    const marked = entries(transcript, 'customer').filter({ hasText: '<b>where</b> is my parcel' });
    await marked.waitFor({ timeout: step });
    assert.match(await marked.textContent(), /<b>where<\/b> is my parcel <img src=x onerror=window\.__xss=1>/, 'the message shows literally');
    assert.equal(await transcript.locator('img, b').count(), 0, 'no element was made from the customer\'s markup');
    assert.equal(await agent.evaluate(() => window.__xss), undefined, 'no script of the customer\'s ran in the console');
    assert.equal(await customer.evaluate(() => window.__xss), undefined, 'nor in the customer\'s own page');

    // 6. Anna answers; the customer sees it under her name.
    const reply = 'Sorry about that, let me check where your parcel is.';
    await agent.getByTestId('composer').fill(reply);
    await agent.getByTestId('send').click();
    await entries(transcript, 'agent').filter({ hasText: reply }).waitFor({ timeout: step });
    const answer = activityWithText(customer, reply);
    await answer.first().waitFor({ timeout: step });
    await answer.first().locator('.sb-agent-name', { hasText: anna.name }).waitFor({ timeout: step });

    // 7. An internal note stays with the agents: shown in the console, never sent to the customer.
    const note = 'Internal: courier says the parcel is at the depot';
    await agent.getByTestId('note-toggle').click();
    assert.equal(await agent.getByTestId('note-toggle').getAttribute('aria-pressed'), 'true');
    await agent.getByTestId('composer').fill(note);
    await agent.getByTestId('send').click();
    await pane.getByTestId('note').filter({ hasText: note }).waitFor({ timeout: step });
    // Note mode ends with the note posted (issue 18): what Anna types next is a reply again.
    assert.equal(await agent.getByTestId('note-toggle').getAttribute('aria-pressed'), 'false');
    const followUp = 'It is at the depot and goes out for delivery tomorrow.';
    await agent.getByTestId('composer').fill(followUp);
    await agent.getByTestId('send').click();
    await textInTranscript(customer, followUp).first().waitFor({ timeout: step }); // everything sent before it has arrived
    assert.equal(await entries(transcript, 'agent').filter({ hasText: note }).count(), 0, 'the note is not a message in the transcript');
    assert.ok(!(await customer.locator('body').textContent()).includes(note), 'the customer\'s page never shows the note');
    const conversation = await conversationActivities(conversationId);
    assert.ok(conversation.some((activity) => activity.text === followUp), 'the reply is in the conversation');
    assert.ok(!JSON.stringify(conversation).includes('courier says'), 'the note is nowhere in the conversation the customer reads');

    // 8. Anna closes the chat with what it was about; the customer gets the survey and answers it.
    await agent.getByTestId('close-chat').click();
    await agent.getByTestId('close-intent').selectOption('missing_package');
    await agent.getByTestId('close-tags').fill('parcel, depot');
    await agent.getByTestId('close-note').fill('Delivery tomorrow; customer informed.');
    await agent.getByTestId('close-submit').click();
    await agent.getByTestId('toast').filter({ hasText: 'Chat closed.' }).first().waitFor({ timeout: step });
    await agent.locator(`[data-testid=chat-tab][data-conversation-id="${conversationId}"]`).waitFor({ state: 'detached', timeout: step });

    await textInTranscript(customer, say('handoffClosedByAgent', 'en', { agent: anna.name })).first().waitFor({ timeout: step });
    await textInTranscript(customer, say('surveyAsk', 'en', { agent: anna.name })).first().waitFor({ timeout: step });
    for (const rating of ['1', '2', '3', '4', '5']) {
      await suggestedButton(customer, rating).waitFor({ timeout: step });
    }
    await suggestedButton(customer, '5').click();
    await textInTranscript(customer, messages.surveyComment.en).first().waitFor({ timeout: step });
    const comment = 'Anna was quick and kind';
    await sendAsCustomer(customer, comment);
    await textInTranscript(customer, messages.surveyThanks.en).first().waitFor({ timeout: step });

    // The chat's tab closed with the chat, so the console tells Anna of the rating in a toast.
    const rated = agent.getByTestId('toast').locator('[data-testid=survey]', { hasText: comment });
    await rated.first().waitFor({ timeout: step });
    const shown = await rated.first().textContent();
    assert.match(shown, /★★★★★/, 'five stars');
    assert.match(shown, /5\/5/, 'the rating');
  });

  test('An Arabic customer who asks for a موظف is queued in Arabic and the agent reads the chat right to left', { timeout: testTimeout }, async () => {
    const agent = await newPage();
    await openConsole(agent);
    await signInAs(agent, anna);

    const customer = await newPage();
    await openWidget(customer);
    await textInTranscript(customer, messages.welcome.en).first().waitFor({ timeout: step });
    await customer.locator('select.sb-locale').selectOption('ar-SA');
    await sendAsCustomer(customer, 'موظف');
    await textInTranscript(customer, queuedAsFirst('ar')).first().waitFor({ timeout: step });
    const conversationId = await widgetConversationId(customer, step);

    const queued = queueItem(agent, conversationId);
    await queued.waitFor({ timeout: step });
    const badges = (await queued.locator('.badge').allTextContents()).map((text) => text.trim());
    assert.ok(badges.includes('AR'), `the language badge says Arabic (badges: ${badges.join(' | ')})`);
    await queued.getByTestId('claim').click();

    const transcript = chatPane(agent, conversationId).getByTestId('transcript');
    await entries(transcript, 'customer').getByText('موظف', { exact: true }).waitFor({ timeout: step });
    assert.equal(await transcript.getAttribute('dir'), 'rtl', 'the transcript of an Arabic chat is marked right to left');
    assert.equal(await transcript.evaluate((element) => getComputedStyle(element).direction), 'rtl');
    await textInTranscript(customer, say('handoffAccepted', 'ar', { agent: anna.name })).first().waitFor({ timeout: step });
  });

  /** The conversation as the server keeps it, read the way a trusted backend would (with the secret). */
  async function conversationActivities(conversationId) {
    const response = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      headers: { Authorization: `Bearer ${directLineSecret}` },
    });
    assert.equal(response.status, 200, `reading conversation ${conversationId}`);
    return (await response.json()).activities;
  }

  async function openConsole(page) {
    await page.goto(`${server.baseUrl}/agent/`);
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
  }

  /** Signs in and waits until the console is connected to the hub and has loaded the agent's profile. */
  async function signInAs(page, account) {
    await page.getByTestId('sign-in-name').fill(account.id);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: step });
    // The status comes from the hub's Profile: "available" shows once the connection is up and loaded.
    await page.locator('[data-testid=status-toggle][data-status=available]').waitFor({ timeout: step });
    await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: step });
    assert.equal((await page.getByTestId('agent-name').textContent()).trim(), account.name);
  }

  async function openWidget(page) {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.sb-launcher').click();
    await page.locator('.sb-panel').waitFor({ state: 'visible', timeout: step });
  }
});

function queueItem(page, conversationId) {
  return page.locator(`[data-testid=queue-item][data-conversation-id="${conversationId}"]`);
}

function chatPane(page, conversationId) {
  return page.locator(`[data-testid=chat-pane][data-conversation-id="${conversationId}"]`);
}

/** Transcript lines from one sender: customer, bot, agent or system. */
function entries(transcript, sender) {
  return transcript.locator(`[data-testid=transcript-entry][data-sender=${sender}]`);
}

async function entryTexts(transcript, sender) {
  return (await entries(transcript, sender).locator('.entry__text').allTextContents()).map((text) => text.trim());
}
