// Microsoft's own Bot Framework client against our /api/messages: the Microsoft 365 Agents Playground (npm
// @microsoft/m365agentsplayground) runs its mock connector and Web Chat page locally, posts activities to the
// server as channel "webchat", and shows the replies our connector client sends back; an agent answers in the
// agent console. Both pages in headless Chromium.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const step = 20_000;
const here = dirname(fileURLToPath(import.meta.url));
const playgroundCli = join(here, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const messages = JSON.parse(readFileSync(join(here, '..', '..', 'dialogs', 'common.json'), 'utf8')).messages;
const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };

const browserProblem = missingBrowser();

describe('The Microsoft 365 Agents Playground talks to /api/messages', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let playground;
  let playgroundUrl;
  let browser;
  let customer;

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    // No app id: the Playground sends no tokens, and its connector is on loopback, which anonymous mode allows.
    server = await startServer({ env: { ...agentAccountsEnv([anna]), Bot__AllowAnonymousInProduction: 'true' } });
    const port = await freePort();
    playground = await startPlayground(`${server.baseUrl}/api/messages`, port);
    playgroundUrl = `http://127.0.0.1:${port}/`;
    browser = await launchBrowser();
    customer = await browser.newPage();
    await customer.goto(playgroundUrl);
  });

  after(async () => {
    await browser?.close();
    playground?.kill();
    await server?.stop();
  });

  test('greets, then answers an order-status question with the order', { timeout: 90_000 }, async () => {
    // The Playground opens with a conversationUpdate; the bot's welcome comes back through the connector.
    await botSays(customer, 'Acme Store assistant').first().waitFor({ timeout: step });

    await send(customer, 'where is my order');
    await botSays(customer, 'order number').first().waitFor({ timeout: step });
    await send(customer, 'ORD-10007');
    await botSays(customer, 'ORD-10007').first().waitFor({ timeout: step });
  });

  test('hands off to Anna in the agent console, who answers the Playground customer', { timeout: 120_000 }, async () => {
    const agent = await browser.newPage();
    await agent.goto(`${server.baseUrl}/agent/`);
    await agent.getByTestId('sign-in-name').fill(anna.id);
    await agent.getByTestId('sign-in-password').fill(anna.password);
    await agent.getByTestId('sign-in-submit').click();
    await agent.locator('[data-testid=status-toggle][data-status=available]').waitFor({ timeout: step });

    await send(customer, 'agent');
    // Web Chat curls the apostrophes of markdown text, so a part of the message without any is looked for.
    await botSays(customer, messages.handoffQueued.en.match(/passing you to [^.'’]+/)[0]).first().waitFor({ timeout: step });
    const queued = agent.getByTestId('queue-item').first();
    await queued.waitFor({ timeout: step });
    const conversationId = await queued.getAttribute('data-conversation-id');
    assert.match(conversationId, /^webchat-/, 'the conversation is keyed by its channel');
    await queued.getByTestId('claim').click();
    const pane = agent.locator(`[data-testid=chat-pane][data-conversation-id="${conversationId}"]`);
    await pane.waitFor({ timeout: step });
    assert.match(await pane.getByTestId('handoff-context').textContent(), /Channel\s*Web Chat \(Azure\)/, 'the console shows the channel');

    await agent.getByTestId('composer').fill('Hello, this is Anna. I am looking at your order now.');
    await agent.getByTestId('send').click();
    await botSays(customer, 'this is Anna').first().waitFor({ timeout: step });
    await agent.close();
  });
});

/** What the bot (or an agent, who writes as the bot) said in the Playground's Web Chat. */
function botSays(page, text) {
  return page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__text-content', { hasText: text });
}

async function send(page, text) {
  const box = page.locator('input.webchat__send-box-text-box__input, textarea.webchat__send-box-text-box__input').first();
  await box.fill(text);
  await box.press('Enter');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts the Playground (telemetry off) and resolves once it listens; rejects with its output if it does not. */
function startPlayground(endpoint, port) {
  const child = spawn(process.execPath, [playgroundCli, '-e', endpoint, '-c', 'webchat', '-p', String(port), '--dt'], {
    cwd: mkdtempSync(join(tmpdir(), 'playground-')), // it writes devTools/m365agentsplayground.log where it runs
    env: { ...process.env, BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`The Playground did not start:\n${output}`)); }, 30_000);
    const onData = (data) => {
      output += data;
      if (output.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`The Playground exited (${code}):\n${output}`)); });
  });
}
