// A customer on the Direct Line REST API (no widget): for tests about the agent console, which need customers who
// say exact things, with the page, browser and time zone a widget would send along.
import assert from 'node:assert/strict';
import { directLineSecret } from './server.mjs';

export const customerBrowser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/**
 * Starts a conversation; `say(text)` sends a message and resolves with the bot's replies to it. `userId` makes it
 * the same customer as an earlier conversation (as a site that knows its signed-in customer would).
 */
export async function startCustomer(baseUrl, { locale = 'en-US', page = `${baseUrl}/orders/ORD-10004`, timeZone = 'Asia/Bangkok', userId } = {}) {
  const started = await fetch(`${baseUrl}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${directLineSecret}`, ...(userId ? { 'Content-Type': 'application/json' } : {}) },
    body: userId ? JSON.stringify({ user: { id: userId } }) : undefined,
  });
  assert.equal(started.status, 201, 'starting a Direct Line conversation');
  const { conversationId, token } = await started.json();
  let watermark = '';
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

  async function read() {
    const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers });
    const body = await response.json();
    watermark = body.watermark ?? watermark;
    return body.activities;
  }

  /** Bot messages (not the customer's own echo) until one matches `until`, or 15 s. */
  async function waitFor(until) {
    const seen = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const fresh = (await read()).filter((a) => a.type === 'message' && a.from?.role !== 'user');
      seen.push(...fresh);
      if (fresh.some(until)) return seen;
      await new Promise((resolve) => { setTimeout(resolve, 150); });
    }
    throw new Error(`no bot message matched within 15 s; got: ${seen.map((a) => a.text).join(' | ')}`);
  }

  async function say(text, until = () => true) {
    const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        type: 'message', text, locale, from: { id: 'customer' }, localTimezone: timeZone, localTimestamp: new Date().toISOString(),
        channelData: { clientActivityID: `c-${Date.now()}-${Math.random()}`, page, userAgent: customerBrowser },
      }),
    });
    assert.equal(response.status, 200, `sending "${text}"`);
    return waitFor(until);
  }

  return { conversationId, token, say, waitFor };
}
