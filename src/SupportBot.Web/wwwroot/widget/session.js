/*
 * The widget's memory in localStorage (per bot: "supportbot:<bot URL>:<key>") and its Direct Line session: a stored
 * conversation is resumed while its token can still be refreshed; otherwise a new one starts.
 */

export function memoryFor(base) {
  const prefix = `supportbot:${base}:`;
  return {
    load(key) {
      try { return JSON.parse(localStorage.getItem(prefix + key)); } catch { return null; }
    },
    save(key, value) {
      try { localStorage.setItem(prefix + key, JSON.stringify(value)); } catch { /* private mode */ }
    },
    forget(key) {
      try { localStorage.removeItem(prefix + key); } catch { /* private mode */ }
    },
  };
}

async function postJson(base, path, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method: 'POST', headers, body: '{}' });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function startSession(base) {
  const s = await postJson(base, '/widget/session');
  return { conversationId: s.conversationId, userId: s.userId, token: s.token, expiresAt: Date.now() + s.expiresIn * 1000, resumed: false };
}

/** The stored session refreshed, or a new one. */
export async function obtainSession(base, memory) {
  const stored = memory.load('session');
  if (stored && stored.conversationId && stored.token && stored.expiresAt > Date.now() + 5000) {
    try {
      const fresh = await postJson(base, '/v3/directline/tokens/refresh', stored.token);
      return { ...stored, token: fresh.token, expiresAt: Date.now() + fresh.expires_in * 1000, resumed: true };
    } catch {
      return startSession(base);
    }
  }
  return startSession(base);
}

/** True when this browser has a conversation it could resume. */
export function hasSession(memory) {
  const stored = memory.load('session');
  return Boolean(stored && stored.conversationId && stored.expiresAt > Date.now() + 5000);
}
