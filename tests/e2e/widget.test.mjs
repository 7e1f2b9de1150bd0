// What a customer notices when using the chat widget on the demo support site: the real server, the real
// widget and Web Chat 4.18.1, in headless Chromium.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { solidPng } from './support/png.mjs';
import { directLineSecret, startServer } from './support/server.mjs';

const wait = 20_000; // the longest any one thing may take to appear
const sentWithin = 5_000; // Web Chat only gives up after 20 s, so a healthy echo shows well before that
const testTimeout = 90_000;
const arabicScreenshot = join(tmpdir(), 'e2e-arabic.png');
const shop = 'http://shop.example'; // a customer's site on another origin, answered in the browser itself

// What the bot says comes from the dialog files, so wording changes there do not break these tests.
const dialogs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dialogs');
const common = JSON.parse(readFileSync(join(dialogs, 'common.json'), 'utf8')).messages;
const intent = (name) => JSON.parse(readFileSync(join(dialogs, 'intents', `${name}.json`), 'utf8'));
const greeting = intent('greeting').steps[0].say;
const orderStatus = intent('order_status');

const englishWelcome = common.welcome.en;
const englishReply = greeting.en;
const arabicReply = greeting.ar;
const thaiWelcome = common.welcome.th;
const attachmentReply = common.attachmentReceived.en;

const browserProblem = missingBrowser();
if (browserProblem && !inCI) {
  console.log(`# skipping the browser tests: ${browserProblem}`);
}

describe('The support widget in a browser', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    server = await startServer({ env: { Widget__AllowedOrigins__0: shop } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A page in a browser context of its own, as a new visitor with these browser settings. */
  async function newPage(options = {}) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  test('Opening the widget greets the customer and a sent message gets the bot\'s reply and the sent state', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await greetAndChat(page);

    const status = await sentStatus(userBubble(page, 'hello there'));
    assert.match(status, /Just now/, 'a sent message shows when it was sent');
  });

  test('Reloading the page shows the same conversation again', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await greetAndChat(page);

    await page.reload();
    if (!(await page.locator('.sb-panel').isVisible())) {
      await page.locator('.sb-launcher').click();
    }
    await textInTranscript(page, 'hello there').first().waitFor({ timeout: wait });
    await textInTranscript(page, englishReply).first().waitFor({ timeout: wait });

    assert.equal(await textInTranscript(page, englishWelcome).count(), 1, 'the welcome should appear once, not again on reload');
    assert.equal(await textInTranscript(page, 'hello there').count(), 1, 'the customer\'s message should appear once');
    assert.equal(await textInTranscript(page, englishReply).count(), 1, 'the bot\'s reply should appear once');
  });

  test('Choosing Arabic lays the chat out right to left and the bot answers in Arabic', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    await textInTranscript(page, englishWelcome).first().waitFor({ timeout: wait });

    await page.locator('select.sb-locale').selectOption('ar-SA');
    await send(page, 'مرحبا');
    const reply = textInTranscript(page, arabicReply).first();
    await reply.waitFor({ timeout: wait });
    await page.screenshot({ path: arabicScreenshot });

    const panel = page.locator('.sb-panel');
    assert.equal(await panel.getAttribute('dir'), 'rtl');
    assert.match(await panel.getAttribute('class'), /\bsb-rtl\b/);
    assert.match(await page.locator('.sb-launcher').getAttribute('class'), /\bsb-rtl\b/);
    assert.equal(await reply.evaluate((element) => getComputedStyle(element).direction), 'rtl', 'the bot\'s Arabic text runs right to left');
    assert.equal(await page.locator('.webchat__basic-transcript').evaluate((element) => getComputedStyle(element).direction), 'rtl');

    const viewport = page.viewportSize();
    const panelBox = await panel.boundingBox();
    assert.ok(panelBox.x + panelBox.width / 2 < viewport.width / 2, `the panel should sit on the left (x=${panelBox.x}, width=${panelBox.width})`);
    const mine = await userBubble(page, 'مرحبا').locator('.webchat__bubble').first().boundingBox();
    const bots = await page.locator('.webchat__bubble', { hasText: arabicReply }).first().boundingBox();
    assert.ok(mine.x + mine.width < bots.x + bots.width, 'in Arabic the customer\'s own bubbles line up on the left, the bot\'s on the right');
  });

  test('A browser whose language is Thai gets Thai', { timeout: testTimeout }, async () => {
    const page = await newPage({ locale: 'th-TH' });
    await openWidget(page);
    await textInTranscript(page, thaiWelcome).first().waitFor({ timeout: wait });

    assert.equal(await page.locator('select.sb-locale').inputValue(), 'th-TH');
    assert.equal(await textInTranscript(page, englishWelcome).count(), 0, 'no English welcome for a Thai browser');
  });

  test('Uploading a file through Web Chat\'s upload button delivers it', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await openWidget(page);
    await textInTranscript(page, englishWelcome).first().waitFor({ timeout: wait });

    // Web Chat 4.18 puts a chosen file in the send box (sendAttachmentOn: 'send'); Send delivers it.
    const picture = solidPng(8, 8);
    await page.locator('.webchat__upload-button input[type=file], input.webchat__upload-button--file-input').first()
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: picture });
    // Web Chat reads the file (and makes a thumbnail) before it is in the send box; the upload button then shows a
    // check mark. Clicking Send before that sends nothing, which is what made this test flaky on a slow machine.
    await page.locator('.webchat__upload-button .webchat__attachment-icon--checked').waitFor({ timeout: wait });
    const uploaded = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/upload'), { timeout: wait });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const upload = await uploaded;
    assert.equal(upload.status(), 200, `the upload should be accepted: ${await upload.text()}`);
    await textInTranscript(page, attachmentReply).first().waitFor({ timeout: wait });

    // The file the bot received is the one the customer picked, kept on the bot's own server.
    const conversationId = new URL(upload.url()).pathname.split('/').at(-2);
    const echoed = (await conversationActivities(conversationId)).filter((a) => a.from?.role === 'user' && a.attachments?.length);
    assert.equal(echoed.length, 1, 'one message with the file');
    const stored = `${server.baseUrl}/v3/directline/attachments/`;
    assert.deepEqual(echoed[0].attachments.map((a) => ({ name: a.name, contentType: a.contentType, onServer: String(a.contentUrl).startsWith(stored) })),
      [{ name: 'receipt.png', contentType: 'image/png', onServer: true }], 'one attachment per uploaded file, at the server\'s attachment URL (the activity part\'s attachment entries are to be completed, not kept beside new ones)');
    const download = await fetch(echoed[0].attachments[0].contentUrl);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), picture, 'the stored file has the uploaded bytes');

    // What the customer sees: their bubble shows the picture once (as an image) or a link to the stored file.
    const bubble = userBubbles(page).filter({ has: page.locator('.webchat__stacked-layout__attachment-row') }).last();
    await sentStatus(bubble);
    const attachments = bubble.locator('.webchat__stacked-layout__attachment-row');
    assert.equal(await attachments.count(), 1, 'one file sent shows as one attachment in the customer\'s bubble');
    const shown = attachments.locator(`img, a[href^="${stored}"]`).first();
    await shown.waitFor({ state: 'attached', timeout: wait });
    if (await shown.evaluate((element) => element.tagName === 'IMG')) {
      await page.waitForFunction((image) => image.complete, await shown.elementHandle(), { timeout: wait });
      assert.ok(await shown.evaluate((image) => image.naturalWidth > 0), 'the picture in the bubble loads');
    }
  });

  test('A Thai customer checks an order with the topic button and the order number, all in Thai', { timeout: testTimeout }, async () => {
    const page = await newPage({ locale: 'th-TH' });
    await openWidget(page);
    await textInTranscript(page, thaiWelcome).first().waitFor({ timeout: wait });

    await visibleButton(page, orderStatus.title.th).click();
    await textInTranscript(page, orderStatus.steps[0].prompt.th).first().waitFor({ timeout: wait });
    await send(page, 'ORD-10002');
    const answer = textInTranscript(page, 'KEXBK0042718365').first();
    await answer.waitFor({ timeout: wait });

    assert.match(await answer.textContent(), /ORD-10002.*\p{Script=Thai}|\p{Script=Thai}.*ORD-10002/u, 'the answer names the order, in Thai');
    await textInTranscript(page, common.askHelped.th).first().waitFor({ timeout: wait });
    await visibleButton(page, common.yes.th).click();
    await textInTranscript(page, common.helpedYes.th).first().waitFor({ timeout: wait });
    assert.equal(await textInTranscript(page, 'Did that answer').count(), 0, 'nothing in English');
  });

  test('The page never loads anything from another origin', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('websocket', (socket) => urls.push(socket.url()));
    await greetAndChat(page);

    const origin = new URL(server.baseUrl).origin;
    const elsewhere = urls.filter((url) => !url.startsWith('data:') && originOf(url) !== origin);
    assert.ok(urls.some((url) => url.endsWith('/webchat/webchat.js')), 'Web Chat itself comes from the bot\'s server');
    assert.ok(urls.some((url) => url.startsWith('ws://')), 'the chat streams over the bot\'s own WebSocket');
    assert.deepEqual(elsewhere, [], `everything should come from ${origin}`);
  });

  test('The widget embedded on another site with the one-line snippet greets the customer and answers', { timeout: testTimeout }, async () => {
    const page = await newPage();
    await page.route(`${shop}/`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>
        <script src="${server.baseUrl}/widget.js" data-title="Shop support" defer></script></body></html>`,
    }));
    await page.goto(`${shop}/`);
    await page.locator('.sb-launcher').click({ timeout: wait });
    await page.locator('.sb-panel').waitFor({ state: 'visible', timeout: wait });
    assert.equal(await page.locator('.sb-title').textContent(), 'Shop support', 'the data- attributes of the embed line are read');
    await textInTranscript(page, englishWelcome).first().waitFor({ timeout: wait });
    await send(page, 'hello there');
    await textInTranscript(page, englishReply).first().waitFor({ timeout: wait });
  });

  /** The conversation as the server keeps it, read the way a trusted backend would (with the secret). */
  async function conversationActivities(conversationId) {
    const response = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      headers: { Authorization: `Bearer ${directLineSecret}` },
    });
    assert.equal(response.status, 200, `reading conversation ${conversationId}`);
    return (await response.json()).activities;
  }

  async function openWidget(page) {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.sb-launcher').click();
    await page.locator('.sb-panel').waitFor({ state: 'visible', timeout: wait });
  }

  /** The steps every English conversation starts with: greeting, 'hello there', the bot's reply. */
  async function greetAndChat(page) {
    await openWidget(page);
    await textInTranscript(page, englishWelcome).first().waitFor({ timeout: wait });
    await send(page, 'hello there');
    await textInTranscript(page, englishReply).first().waitFor({ timeout: wait });
  }
});

async function send(page, text) {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

// Message text as drawn in bubbles; Web Chat also repeats it in hidden screen-reader labels, which are not counted.
function textInTranscript(page, text) {
  return page.locator('.webchat__basic-transcript .webchat__text-content', { hasText: text });
}

/** The status under a message of the customer's once it is sent; fails if it still says Sending or Send failed. */
async function sentStatus(bubble) {
  const status = bubble.locator('.webchat__activity-status');
  try {
    await status.filter({ hasNotText: /Sending|Send failed/ }).waitFor({ timeout: sentWithin });
  } catch {
    const shown = (await status.allTextContents()).join(' / ') || 'no status at all';
    assert.fail(`after ${sentWithin / 1000} s the customer's message shows "${shown}" instead of being sent; the server must echo it with its clientActivityID`);
  }
  return status.textContent();
}

/** A suggested-action button in Web Chat's toolbar (the transcript's live region repeats it for screen readers). */
function visibleButton(page, name) {
  return page.locator('.webchat__suggested-actions__button').getByText(name, { exact: true });
}

function userBubbles(page) {
  return page.locator('.webchat__stacked-layout--from-user');
}

function userBubble(page, text) {
  return userBubbles(page).filter({ has: page.locator('.webchat__text-content', { hasText: text }) });
}

// blob: URLs carry their creator's origin; ws: is the same server as http:.
function originOf(url) {
  const parsed = new URL(url);
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    return `${parsed.protocol === 'wss:' ? 'https:' : 'http:'}//${parsed.host}`;
  }
  return parsed.origin;
}
