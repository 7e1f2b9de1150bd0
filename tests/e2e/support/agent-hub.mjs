// An agent at the desk without the console's screens: signed in through /agent/api/sign-in and talking to the
// agents' hub with the SignalR client the server hosts, in a page of its own. For widget tests that need a person
// on the other side (claim, send, return to bot) and do not test the console itself.

/** Signs `account` in and connects to the hub; resolves to { claim, send, returnToBot, close } once connected. */
export async function connectAgent(browser, baseUrl, account) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/healthz`);
  await page.addScriptTag({ url: `${baseUrl}/agent/signalr.js` });
  await page.evaluate(async ({ name, password }) => {
    const response = await fetch('/agent/api/sign-in', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }),
    });
    if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
    const { token } = await response.json();
    const hub = new window.signalR.HubConnectionBuilder().withUrl('/hubs/agents', { accessTokenFactory: () => token }).build();
    await hub.start();
    // start() resolves at the handshake, before the server has run OnConnectedAsync (groups, then presence); the hub
    // answers an invocation only after it. Without this a customer asking for a person at once could find no agent online.
    await hub.invoke('Profile');
    window.agentHub = hub;
  }, { name: account.id, password: account.password });

  const invoke = (method, ...args) => page.evaluate(({ method, args }) => window.agentHub.invoke(method, ...args), { method, args });
  return {
    claim: (conversationId) => invoke('Claim', conversationId),
    send: (conversationId, text) => invoke('Send', conversationId, text),
    returnToBot: (conversationId, intent = null) => invoke('ReturnToBot', conversationId, intent),
    close: () => context.close(),
  };
}
