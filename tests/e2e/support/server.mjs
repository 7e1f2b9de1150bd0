// Starts the real SupportBot.Web server as a child process on a free 127.0.0.1 port, the way an operator would.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from './cluster.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const contentRoot = resolve(repoRoot, 'src/SupportBot.Web');
const startupTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;
const maxOutputChars = 20_000;
// How much of a server's output a failed file prints at its end (each server its own).
const failureOutputChars = 8_000;

/** DirectLine:Secret of the server under test, for calls a trusted backend would make. */
export const directLineSecret = 'e2e-secret';

function serverDll() {
  if (process.env.SUPPORTBOT_WEB_DLL) {
    const dll = resolve(process.env.SUPPORTBOT_WEB_DLL);
    if (!existsSync(dll)) {
      throw new Error(`SUPPORTBOT_WEB_DLL points at ${dll}, which does not exist.`);
    }
    return dll;
  }
  for (const configuration of ['Release', 'Debug']) {
    const dll = resolve(contentRoot, `bin/${configuration}/net10.0/SupportBot.Web.dll`);
    if (existsSync(dll)) {
      return dll;
    }
  }
  throw new Error(`No SupportBot.Web.dll under ${contentRoot}/bin: build first: dotnet build -c Release`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function childEnvironment(extra) {
  const env = {
    ...process.env,
    DirectLine__Secret: directLineSecret,
    Logging__LogLevel__Default: 'Warning',
    // A short warm-up: the pages meet a server that ran it, without each start paying for the full one.
    WarmUp__Turns: '60',
    // History and insights are read right after the chats that fill them.
    Archive__Settle: '00:00:00',
    ...extra,
  };
  delete env.Redis__ConnectionString;
  delete env.Redis__KeyPrefix;
  if (process.env.SUPPORTBOT_TEST_REDIS) {
    env.Redis__ConnectionString = process.env.SUPPORTBOT_TEST_REDIS;
    // Every run gets its own keys, so runs sharing one Redis never see each other's conversations.
    env.Redis__KeyPrefix = `e2e-${randomBytes(6).toString('hex')}:`;
  }
  return env;
}

/**
 * SUPPORTBOT_E2E_CLUSTER=N (2 or more; needs SUPPORTBOT_TEST_REDIS) starts N processes sharing one Redis behind nginx
 * instead (support/cluster.mjs): every test then goes through the load balancer. Otherwise one process.
 * Resolves to { baseUrl, store, stop, output } once GET /healthz answers 200. Rejects with the child's output if it
 * exits early or is not healthy within 30 s; the child is killed in either case. `options.env` adds configuration
 * as environment variables (e.g. { Agents__Accounts__0__Id: 'anna' }); the Redis settings stay the launcher's.
 */
export async function startServer(options = {}) {
  const env = childEnvironment(options.env);
  const processes = Number(process.env.SUPPORTBOT_E2E_CLUSTER || 1);
  if (processes < 2) {
    return startProcess(env);
  }
  if (!env.Redis__ConnectionString) {
    throw new Error('SUPPORTBOT_E2E_CLUSTER needs SUPPORTBOT_TEST_REDIS: the processes share one Redis.');
  }
  const servers = [];
  try {
    for (let i = 0; i < processes; i++) {
      servers.push(await startProcess(env));
    }
    return await startNginx(repoRoot, await freePort(), servers);
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}

async function startProcess(env) {
  const dll = serverDll();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [dll, '--contentRoot', contentRoot, '--urls', baseUrl], {
    cwd: contentRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-maxOutputChars);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
    child.on('error', (error) => resolveExit({ code: null, signal: null, error }));
  });
  let running = true;
  exited.then(() => { running = false; });

  // A test process that dies without running its after() hooks must not leave the server behind.
  const killOnExit = () => { if (running) child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  // A file whose tests failed ends with a non-zero exit code: the server's last output then goes to stderr (the
  // runner shows it under the file), so a failure says what the server logged, not only what the page showed.
  process.once('exit', (code) => {
    if ((code || process.exitCode) && output) {
      process.stderr.write(`\n--- ${summary()}: the server's last output (tests in this file failed) ---\n${output.slice(-failureOutputChars)}\n--- end of the server's output ---\n`);
    }
  });

  async function stop() {
    process.removeListener('exit', killOnExit);
    if (!running) {
      return;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  const summary = () =>
    `${dll} on ${baseUrl}${env.Redis__ConnectionString ? ` with Redis ${env.Redis__ConnectionString} (prefix ${env.Redis__KeyPrefix})` : ''}`;

  try {
    await waitUntilHealthy(baseUrl, exited);
  } catch (error) {
    await stop();
    throw new Error(`SupportBot.Web did not start: ${error.message}\n  server: ${summary()}\n  output:\n${output || '(none)'}`);
  }

  return { baseUrl, store: env.Redis__ConnectionString ? 'redis' : 'memory', stop, output: () => output };
}

async function waitUntilHealthy(baseUrl, exited) {
  const deadline = Date.now() + startupTimeoutMs;
  let early = null;
  exited.then((exit) => { early = exit; });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (early) {
      throw new Error(early.error ? `could not run dotnet (${early.error.message})` : `it exited with code ${early.code}${early.signal ? ` (${early.signal})` : ''}`);
    }
    try {
      // With Redis down /healthz takes its ping timeout to answer 503; wait for that rather than abort.
      const attempt = Math.max(500, Math.min(10_000, deadline - Date.now()));
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(attempt) });
      if (response.status === 200) {
        return;
      }
      last = `/healthz answered ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
  throw new Error(`/healthz was not 200 within ${startupTimeoutMs / 1000} s (last: ${last})`);
}
