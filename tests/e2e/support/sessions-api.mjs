// A stand-in for the server's session and lockout endpoints (POST /agent/api/sign-out, GET/DELETE
// /agent/api/sessions, GET/DELETE /agent/api/lockouts), answering exactly as the agreed contract says, so the
// console can be checked against the contract in a browser. Everything else (sign-in, the hub) is the real server.

const json = (route, status, body) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
const error = (route, status, code, message) => json(route, status, { error: { code, message } });

/**
 * Routes the endpoints on `page` (a supervisor's console unless `supervisor` is false). `sessions` and `lockouts`
 * are the lists the server holds; the returned object records every call and can end the caller's session, after
 * which every call (and a new hub negotiation) answers 401 SessionEnded.
 */
export async function mockSessionsApi(page, baseUrl, { sessions = [], lockouts = [], supervisor = true } = {}) {
  const state = { sessions: [...sessions], lockouts: [...lockouts], ended: false, calls: [] };

  const refuse = (route) => {
    if (state.ended) return error(route, 401, 'SessionEnded', 'This session was ended.');
    if (!supervisor) return error(route, 403, 'Forbidden', 'This needs the supervisor role.');
    return null;
  };

  await page.route(`${baseUrl}/agent/api/sign-out`, (route) => {
    state.calls.push({ method: route.request().method(), path: '/agent/api/sign-out', authorization: route.request().headers().authorization });
    state.ended = true;
    return route.fulfill({ status: 204 });
  });

  await page.route(new RegExp(`^${escape(baseUrl)}/agent/api/sessions(/[^?]*)?(\\?.*)?$`), (route) => {
    const request = route.request();
    const id = decodeURIComponent(new URL(request.url()).pathname.split('/')[4] || '');
    state.calls.push({ method: request.method(), path: new URL(request.url()).pathname, authorization: request.headers().authorization });
    const refused = refuse(route);
    if (refused) return refused;
    if (request.method() === 'GET' && !id) return json(route, 200, { sessions: state.sessions });
    if (request.method() === 'DELETE' && id) {
      const found = state.sessions.find((session) => session.id === id);
      if (!found) return error(route, 404, 'NotFound', 'No such session.');
      state.sessions = state.sessions.filter((session) => session !== found);
      if (found.current) state.ended = true;
      return route.fulfill({ status: 204 });
    }
    return error(route, 405, 'MethodNotAllowed', 'Not here.');
  });

  await page.route(new RegExp(`^${escape(baseUrl)}/agent/api/lockouts(/[^?]*)?(\\?.*)?$`), (route) => {
    const request = route.request();
    const account = decodeURIComponent(new URL(request.url()).pathname.split('/')[4] || '');
    state.calls.push({ method: request.method(), path: new URL(request.url()).pathname, authorization: request.headers().authorization });
    const refused = refuse(route);
    if (refused) return refused;
    if (request.method() === 'GET' && !account) return json(route, 200, { lockouts: state.lockouts });
    if (request.method() === 'DELETE' && account) {
      state.lockouts = state.lockouts.filter((lockout) => lockout.account !== account);
      return route.fulfill({ status: 204 });
    }
    return error(route, 405, 'MethodNotAllowed', 'Not here.');
  });

  // Once the session is ended, the hub refuses the token too (the real server answers the negotiation 401).
  await page.route(new RegExp(`^${escape(baseUrl)}/hubs/agents/negotiate`), (route) => {
    state.calls.push({ method: route.request().method(), path: '/hubs/agents/negotiate', ended: state.ended });
    return state.ended ? error(route, 401, 'SessionEnded', 'This session was ended.') : route.fallback();
  });

  return state;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
