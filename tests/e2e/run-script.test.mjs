// ./run.sh as an operator runs it: what it says while it starts, "open ..." only once the server answers /healthz,
// no agent-authentication noise for a customer's chat, and SIGTERM stopping the server, then its Redis, quietly.
// It runs the script in this checkout, with its own free ports (SUPPORTBOT_URLS, SUPPORTBOT_REDIS_PORT).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { inCI, launchBrowser, missingBrowser } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';
import { sendAsCustomer, textInTranscript } from './support/webchat.mjs';

const startTimeout = 240_000; // a first build may happen here
const step = 15_000;
const redisMissing = spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed' : null;
const browserProblem = missingBrowser() || redisMissing;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

describe('./run.sh for an operator', { skip: browserProblem && !inCI ? browserProblem : false }, () => {
  let browser;
  before(async () => {
    if (browserProblem) throw new Error(`${browserProblem} (CI=true, so this fails instead of skipping)`);
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); });

  test('run.sh says what it does, prints "open" only once /healthz answers, and SIGTERM stops the server before Redis without stack traces', { timeout: startTimeout + 60_000 }, async () => {
    const [webPort, redisPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${webPort}`;
    const env = { ...process.env, SUPPORTBOT_URLS: url, SUPPORTBOT_REDIS_PORT: String(redisPort), Logging__LogLevel__Default: 'Information' };
    delete env.Redis__ConnectionString;
    const script = spawn('./run.sh', [], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise((resolve) => script.on('exit', (code, signal) => resolve({ code, signal })));
    const healthyWhenOpen = new Promise((resolve) => {
      const collect = (chunk) => {
        const before = output;
        output += chunk.toString();
        if (!before.includes(`open ${url}`) && output.includes(`open ${url}`)) {
          fetch(`${url}/healthz`).then((r) => resolve(r.status), (e) => resolve(e.message));
        }
      };
      script.stdout.on('data', collect);
      script.stderr.on('data', collect);
    });
    try {
      const status = await Promise.race([healthyWhenOpen, exited.then(() => 'run.sh exited'), new Promise((r) => setTimeout(() => r('timed out'), startTimeout).unref())]);
      assert.equal(status, 200, `/healthz answers when run.sh says "open" (output:\n${output})`);
      for (const said of ['checking the prerequisites', `starting Redis on port ${redisPort}`, 'building SupportBot', `starting SupportBot on ${url}`]) {
        assert.ok(output.includes(said), `run.sh says "${said}"`);
      }

      // A customer chats (their Direct Line calls carry a conversation token, never an agent's) and keeps the page open.
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${url}/`);
      await page.locator('.sb-launcher').click();
      await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: step });
      await page.locator('.webchat__basic-transcript .webchat__text-content').first().waitFor({ timeout: step }); // the welcome
      await sendAsCustomer(page, 'hello there');
      await textInTranscript(page, 'hello there').first().waitFor({ timeout: step });
      assert.doesNotMatch(output, /AgentToken was not authenticated/, 'no agent-authentication line for a customer\'s requests');
      assert.doesNotMatch(output, /StackExchange\.Redis\.ConnectionMultiplexer/, 'the Redis client\'s own connection steps are not logged by default');

      const shutdown = output.length;
      script.kill('SIGTERM');
      const exit = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 30_000).unref())]);
      assert.notEqual(exit, 'still running', `run.sh stops on SIGTERM (output:\n${output.slice(shutdown)})`);
      const stopping = output.slice(shutdown);
      const [server, redis] = [stopping.indexOf('stopping SupportBot'), stopping.indexOf('stopping Redis')];
      assert.ok(server >= 0 && redis > server, `the server stops first, then Redis:\n${stopping}`);
      assert.doesNotMatch(stopping, /^\s+at /m, `no stack trace while stopping:\n${stopping}`);
      assert.doesNotMatch(stopping, /Exception/, `a clean stop reports no exception:\n${stopping}`);
      assert.notEqual(spawnSync('redis-cli', ['-p', String(redisPort), 'ping']).stdout?.toString().trim(), 'PONG', 'the Redis run.sh started is gone');
      if (process.env.SHOW_RUN_OUTPUT) console.log(output);
    } finally {
      if (script.exitCode === null) script.kill('SIGKILL');
      spawnSync('redis-cli', ['-p', String(redisPort), 'shutdown', 'nosave']);
    }
  });
});
