// Sessions in the agent console: signing out, a supervisor's Security view (active sessions and sign-in lockouts),
// and a session the server ended. Sign-in and the hub are the real server; the session and lockout endpoints are
// answered in the browser as the agreed HTTP contract says (support/sessions-api.mjs), so the console is checked
// against the contract whichever server build runs underneath.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { agentAccountsEnv } from './support/agents.mjs';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { mockSessionsApi } from './support/sessions-api.mjs';

const step = 15_000;
const testTimeout = 90_000;
const endedMessage = 'Your session was ended. Sign in again.';

const anna = { id: 'anna', name: 'Anna', password: 'e2e-anna-password', roles: ['agent'] };
const sam = { id: 'sam', name: 'Sam', password: 'e2e-sam-password', roles: ['agent', 'supervisor'] };

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const samsSession = () => ({ id: 's-sam', agentId: 'sam', agentName: 'Sam', roles: ['agent', 'supervisor'],
  createdAt: new Date().toISOString(), expiresAt: inAnHour(), clientAddress: '127.0.0.1', current: true });
const annasSession = () => ({ id: 's-anna/1', agentId: 'anna', agentName: 'Anna', roles: ['agent'],
  createdAt: new Date(Date.now() - 600_000).toISOString(), expiresAt: inAnHour(), clientAddress: '10.0.0.7', current: false });
const lockouts = () => [
  { account: 'victim', clientAddress: null, failures: 12, blockedUntil: inAnHour() },
  { account: 'victim', clientAddress: '203.0.113.9', failures: 5, blockedUntil: inAnHour() },
];

const browserProblem = missingBrowser();
if (browserProblem && !inCI) {
  console.log(`# skipping the browser tests: ${browserProblem}`);
}

describe('Sessions in the agent console', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    if (browserProblem) {
      throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    }
    server = await startServer({ env: agentAccountsEnv([anna, sam]) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(width = 1280) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    contexts.push(context);
    return context.newPage();
  }

  test('Signing out ends the session on the server and shows the sign-in form', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const api = await mockSessionsApi(page, server.baseUrl, { supervisor: false });
    await signInAs(page, anna);
    assert.equal(await page.getByTestId('nav-security').isVisible(), false, 'an agent who is no supervisor has no Security view');
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('supportbot:agent-session')).token);

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
    const signOut = api.calls.filter((call) => call.path === '/agent/api/sign-out');
    assert.equal(signOut.length, 1, 'one POST /agent/api/sign-out');
    assert.equal(signOut[0].method, 'POST');
    assert.equal(signOut[0].authorization, `Bearer ${token}`, 'with the session\'s own token');
    assert.equal(await page.getByTestId('sign-in-error').isVisible(), false, 'signing out on purpose is no error');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('supportbot:agent-session')), null, 'the token is forgotten');

    await page.reload();
    await page.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: step });
    assert.equal(await page.locator('#app').isVisible(), false, 'a reload stays signed out');
  });

  test('A supervisor sees the active sessions and the lockouts, ends a session and clears a lockout', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const api = await mockSessionsApi(page, server.baseUrl, { sessions: [samsSession(), annasSession()], lockouts: lockouts() });
    await signInAs(page, sam);
    await page.getByTestId('nav-security').click();

    const sessionRows = page.getByTestId('session');
    await sessionRows.nth(1).waitFor({ timeout: step });
    const own = page.locator('[data-testid=session][data-session-id="s-sam"]');
    const annas = page.locator('[data-testid=session][data-session-id="s-anna/1"]');
    assert.equal(await own.getByTestId('current-session').count(), 1, 'the supervisor\'s own session is marked');
    assert.equal(await annas.getByTestId('current-session').count(), 0, 'only that one');
    assert.match(await annas.textContent(), /Anna.*10\.0\.0\.7/s, 'the agent and the address');
    const lockoutRows = page.getByTestId('lockout');
    assert.equal(await lockoutRows.count(), 2);
    assert.match(await lockoutRows.nth(0).textContent(), /victim.*all addresses.*12/s, 'the account-wide back-off');
    assert.match(await lockoutRows.nth(1).textContent(), /victim.*203\.0\.113\.9.*5/s, 'one address\'s throttle');
    await page.screenshot({ path: join(tmpdir(), 'e2e-security.png'), fullPage: true });

    await annas.getByTestId('end-session').click();
    await annas.waitFor({ state: 'detached', timeout: step });
    assert.ok(api.calls.some((call) => call.method === 'DELETE' && call.path === '/agent/api/sessions/s-anna%2F1'),
      'DELETE /agent/api/sessions/{id}, the id escaped');
    await page.getByTestId('toast').filter({ hasText: 'Anna' }).first().waitFor({ timeout: step });

    await lockoutRows.first().getByTestId('clear-lockout').click();
    await lockoutRows.first().waitFor({ state: 'detached', timeout: step });
    assert.ok(api.calls.some((call) => call.method === 'DELETE' && call.path === '/agent/api/lockouts/victim'), 'DELETE /agent/api/lockouts/{account}');
    await page.getByText('Nobody is locked out.').waitFor({ timeout: step });
    assert.ok(api.calls.filter((call) => call.path.startsWith('/agent/api/')).every((call) => /^Bearer .+/.test(call.authorization)), 'every call carries the token');
    assert.equal(await page.locator('#app').isVisible(), true, 'the supervisor is still signed in');
  });

  test('An API call answered 401 sends the console back to sign-in with the session-ended message', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const api = await mockSessionsApi(page, server.baseUrl, { sessions: [samsSession()], lockouts: [] });
    await signInAs(page, sam);
    api.ended = true; // a colleague ended it, or Sam signed out in another browser
    await page.getByTestId('nav-security').click();
    await expectSessionEnded(page, api);
  });

  test('A hub connection the server closes for an ended session is not reconnected: the console asks to sign in again', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const sockets = [];
    await page.routeWebSocket(/\/hubs\/agents/, (socket) => { socket.connectToServer(); sockets.push(socket); });
    const api = await mockSessionsApi(page, server.baseUrl, { sessions: [samsSession()] });
    await signInAs(page, sam);
    assert.ok(sockets.length > 0, 'the console talks to the hub over a WebSocket');

    api.ended = true;
    sockets.at(-1).close({ code: 1000, reason: 'session ended' });
    await expectSessionEnded(page, api);
  });

  test('A hub connection closed with an error is checked with the API: a 401 there means the session was ended', { timeout: testTimeout }, async () => {
    const page = await newPage();
    const sockets = [];
    await page.routeWebSocket(/\/hubs\/agents/, (socket) => { socket.connectToServer(); sockets.push(socket); });
    const api = await mockSessionsApi(page, server.baseUrl, { sessions: [samsSession()] });
    await signInAs(page, sam);

    api.ended = true;
    // SignalR's Close message (type 7) without reconnecting, as a server sends when it aborts a connection.
    sockets.at(-1).send(`${JSON.stringify({ type: 7, error: 'Connection closed with an error.', allowReconnect: false })}\u001e`);
    await expectSessionEnded(page, api);
  });

  /** The sign-in form with the message, the token forgotten, and no further attempt to reach the hub. */
  async function expectSessionEnded(page, api) {
    const error = page.getByTestId('sign-in-error');
    await error.waitFor({ state: 'visible', timeout: step });
    assert.equal((await error.textContent()).trim(), endedMessage);
    assert.equal(await page.locator('#app').isVisible(), false, 'the console is hidden');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('supportbot:agent-session')), null, 'the token is forgotten');
    const attempts = () => api.calls.filter((call) => call.path === '/hubs/agents/negotiate' && call.ended).length;
    const before = attempts();
    await page.waitForTimeout(3_000); // SignalR's automatic reconnect would try again after 0 and 2 s
    assert.equal(attempts(), before, 'the console stopped reconnecting');
  }

  test('On the real server, a supervisor ends an agent\'s session and clears a lockout: the agent\'s console returns to sign-in within 5 s', { timeout: testTimeout }, async () => {
    const annasPage = await newPage();
    await signInAs(annasPage, anna);
    const annasToken = await annasPage.evaluate(() => JSON.parse(sessionStorage.getItem('supportbot:agent-session')).token);
    const samsPage = await newPage();
    // Five wrong passwords for a made-up name from this address: a lockout row for the supervisor to clear.
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${server.baseUrl}/agent/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'victim', password: `wrong-${i}` }) });
    }
    await signInAs(samsPage, sam);
    await samsPage.getByTestId('nav-security').click();
    // Earlier tests leave other sessions of Anna's: this console's is the one its token names.
    const annasSessionId = JSON.parse(Buffer.from(annasToken.split('.')[1], 'base64url').toString()).sid;
    const annasRow = samsPage.locator(`[data-testid=session][data-session-id="${annasSessionId}"]`);
    await annasRow.waitFor({ timeout: step });
    const victimRow = samsPage.locator('[data-testid=lockout][data-account=victim]').first();
    await victimRow.waitFor({ timeout: step });

    await victimRow.getByTestId('clear-lockout').click();
    await samsPage.locator('[data-testid=lockout][data-account=victim]').first().waitFor({ state: 'detached', timeout: step });

    const ended = Date.now();
    await annasRow.getByTestId('end-session').click();
    await annasPage.getByTestId('sign-in-name').waitFor({ state: 'visible', timeout: 5_000 });
    assert.ok(Date.now() - ended <= 5_000, 'the agent\'s console closed within 5 s');
    assert.equal(await annasPage.getByTestId('sign-in-error').textContent(), endedMessage);
    const stale = await fetch(`${server.baseUrl}/agent/api/sessions`, { headers: { authorization: `Bearer ${annasToken}` } });
    assert.equal(stale.status, 401, 'the ended token is refused');
  });

  async function signInAs(page, account) {
    await page.goto(`${server.baseUrl}/agent/`);
    await page.getByTestId('sign-in-name').fill(account.id);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('[data-testid=status-toggle][data-status=available]').waitFor({ timeout: step });
    await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: step });
  }
});
