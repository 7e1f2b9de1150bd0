// The widget on a phone (390×844, mobile emulation: touch, device pixels) and its screenshots at both sizes, in
// English and Arabic; and the demo site's footer, which shows the support hours the server is configured with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { saveScreenshot } from './support/artifacts.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { sendAsCustomer, textInTranscript } from './support/webchat.mjs';

const step = 15_000;
const testTimeout = 90_000;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 800 } };

const dialogs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dialogs');
const welcome = JSON.parse(readFileSync(join(dialogs, 'common.json'), 'utf8')).messages.welcome;
const greeting = JSON.parse(readFileSync(join(dialogs, 'intents', 'greeting.json'), 'utf8')).steps[0].say;

const browserProblem = missingBrowser();

describe('The widget on a phone, and its screenshots', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    if (browserProblem) throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    server = await startServer({
      env: {
        Handoff__BusinessHours__TimeZone: 'Asia/Bangkok',
        Handoff__BusinessHours__Opens: '08:00',
        Handoff__BusinessHours__Closes: '20:00',
        ...Object.fromEntries(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((day, i) => [`Handoff__BusinessHours__Days__${i}`, day])),
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(options) {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    return page;
  }

  const inViewport = (box, viewport) => box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;

  test('On a phone the demo page fits the screen, the launcher can be tapped, and the chat fills the screen with a close button', { timeout: testTimeout }, async () => {
    const page = await newPage(phone);
    // Under mobile emulation a too-wide page widens the layout viewport (innerWidth) with it: compare with the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= phone.viewport.width, `the page (${width} px) is no wider than the phone`);
    const launcher = page.locator('.sb-launcher');
    await launcher.waitFor({ timeout: step });
    assert.ok(inViewport(await launcher.boundingBox(), phone.viewport), `the launcher is on screen (${JSON.stringify(await launcher.boundingBox())})`);

    await launcher.tap();
    const panel = page.locator('.sb-panel');
    await panel.waitFor({ state: 'visible', timeout: step });
    await textInTranscript(page, welcome.en).first().waitFor({ timeout: step });
    assert.deepEqual(await panel.boundingBox(), { x: 0, y: 0, width: 390, height: 844 }, 'the chat is the whole screen');
    const close = page.locator('.sb-close');
    assert.ok(inViewport(await close.boundingBox(), phone.viewport), 'the close button is on screen');
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    assert.ok(inViewport(await sendBox.boundingBox(), phone.viewport), 'and so is the send box');

    await close.tap();
    await panel.waitFor({ state: 'hidden', timeout: step });
    assert.ok(inViewport(await launcher.boundingBox(), phone.viewport), 'the launcher is back on screen');
  });

  test('On a phone the send box stays above the on-screen keyboard', { timeout: testTimeout }, async () => {
    const page = await newPage(phone);
    await page.locator('.sb-launcher').tap();
    await textInTranscript(page, welcome.en).first().waitFor({ timeout: step });
    await page.locator('[data-id="webchat-sendbox-input"]').tap();

    // Headless Chromium has no on-screen keyboard: shrink the visual viewport the way one does.
    const keyboardTop = 500;
    await page.evaluate((height) => {
      Object.defineProperty(window.visualViewport, 'height', { configurable: true, get: () => height });
      window.visualViewport.dispatchEvent(new Event('resize'));
    }, keyboardTop);

    const box = await page.locator('[data-id="webchat-sendbox-input"]').boundingBox();
    assert.ok(box.y + box.height <= keyboardTop, `the send box (bottom ${box.y + box.height}) stays above the keyboard at ${keyboardTop}`);
    const header = await page.locator('.sb-header').boundingBox();
    assert.ok(header.y >= 0, 'and the header stays on screen');
  });

  for (const [size, options] of [['desktop', desktop], ['phone', phone]]) {
    for (const language of ['en', 'ar']) {
      test(`Screenshot of the widget on a ${size} in ${language === 'en' ? 'English' : 'Arabic'}: artifacts/widget-${size}-${language}.png`, { timeout: testTimeout }, async () => {
        const page = await newPage(options);
        await page.locator('.sb-launcher').click();
        await textInTranscript(page, welcome.en).first().waitFor({ timeout: step });
        if (language === 'ar') await page.locator('select.sb-locale').selectOption('ar-SA');
        await sendAsCustomer(page, language === 'en' ? 'hello there' : 'مرحبا');
        await textInTranscript(page, greeting[language]).first().waitFor({ timeout: step });
        await page.waitForTimeout(300); // Web Chat scrolls to the newest message
        await saveScreenshot(page, `widget-${size}-${language}`);

        assert.equal(await page.locator('.sb-panel').getAttribute('dir'), language === 'ar' ? 'rtl' : 'ltr');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= options.viewport.width, `nothing sticks out of the page (${width} px wide)`);
      });
    }
  }

  test('The demo site\'s footer shows the support hours the server is configured with', { timeout: testTimeout }, async () => {
    const page = await newPage(desktop);
    const hours = page.locator('#support-hours');
    await page.waitForFunction(() => /\d\d:\d\d/.test(document.getElementById('support-hours')?.textContent || ''), null, { timeout: step });
    assert.equal(await hours.textContent(), 'Monday–Saturday 08:00–20:00 (Asia/Bangkok)');
  });
});
