// ./run.sh as an operator runs it: what it says while it starts, "open ..." only once the server answers /healthz,
// no agent-authentication noise for a customer's chat, and SIGTERM stopping the server, then its Redis, quietly, even
// when a second SIGTERM comes while the server stops.
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

  /**
   * Starts ./run.sh on free ports of its own. `run.output` is what it printed so far; `run.healthyWhenOpen` settles with
   * /healthz's status the moment it says "open ..."; `run.exited` when it exits. `run.opened()` is that status, or why
   * there is none (it exited, or timed out); `run.stopped()` is the exit, or 'still running' after 30 s.
   */
  async function startRunScript() {
    const [webPort, redisPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${webPort}`;
    const env = { ...process.env, SUPPORTBOT_URLS: url, SUPPORTBOT_REDIS_PORT: String(redisPort), Logging__LogLevel__Default: 'Information' };
    delete env.Redis__ConnectionString;
    const script = spawn('./run.sh', [], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run = { script, url, redisPort, output: '' };
    run.exited = new Promise((resolve) => script.on('exit', (code, signal) => resolve({ code, signal })));
    const orAfter = (ms, value) => new Promise((r) => setTimeout(() => r(value), ms).unref());
    run.opened = () => Promise.race([run.healthyWhenOpen, run.exited.then(() => 'run.sh exited'), orAfter(startTimeout, 'timed out')]);
    run.stopped = () => Promise.race([run.exited, orAfter(30_000, 'still running')]);
    run.healthyWhenOpen = new Promise((resolve) => {
      const collect = (chunk) => {
        const before = run.output;
        run.output += chunk.toString();
        if (!before.includes(`open ${url}`) && run.output.includes(`open ${url}`)) {
          fetch(`${url}/healthz`).then((r) => resolve(r.status), (e) => resolve(e.message));
        }
      };
      script.stdout.on('data', collect);
      script.stderr.on('data', collect);
    });
    return run;
  }

  const redisAnswers = (port) => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG';

  function cleanUp(run) {
    if (run.script.exitCode === null) run.script.kill('SIGKILL');
    spawnSync('redis-cli', ['-p', String(run.redisPort), 'shutdown', 'nosave']);
  }

  test('run.sh says what it does, prints "open" only once /healthz answers, and SIGTERM stops the server before Redis without stack traces', { timeout: startTimeout + 60_000 }, async () => {
    const run = await startRunScript();
    const { script, url, redisPort } = run;
    try {
      const status = await run.opened();
      assert.equal(status, 200, `/healthz answers when run.sh says "open" (output:\n${run.output})`);
      for (const said of ['checking the prerequisites', `starting Redis on port ${redisPort}`, 'building SupportBot', `starting SupportBot on ${url}`]) {
        assert.ok(run.output.includes(said), `run.sh says "${said}"`);
      }

      // A customer chats (their Direct Line calls carry a conversation token, never an agent's) and keeps the page open.
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${url}/`);
      await page.locator('.sb-launcher').click();
      await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: step });
      await page.locator('.webchat__basic-transcript .webchat__text-content').first().waitFor({ timeout: step }); // the welcome
      await sendAsCustomer(page, 'hello there');
      await textInTranscript(page, 'hello there').first().waitFor({ timeout: step });
      assert.doesNotMatch(run.output, /AgentToken was not authenticated/, 'no agent-authentication line for a customer\'s requests');
      assert.doesNotMatch(run.output, /StackExchange\.Redis\.ConnectionMultiplexer/, 'the Redis client\'s own connection steps are not logged by default');

      const shutdown = run.output.length;
      script.kill('SIGTERM');
      const exit = await run.stopped();
      assert.notEqual(exit, 'still running', `run.sh stops on SIGTERM (output:\n${run.output.slice(shutdown)})`);
      const stopping = run.output.slice(shutdown);
      const [server, redis] = [stopping.indexOf('stopping SupportBot'), stopping.indexOf('stopping Redis')];
      assert.ok(server >= 0 && redis > server, `the server stops first, then Redis:\n${stopping}`);
      assert.doesNotMatch(stopping, /^\s+at /m, `no stack trace while stopping:\n${stopping}`);
      assert.doesNotMatch(stopping, /Exception/, `a clean stop reports no exception:\n${stopping}`);
      assert.equal(redisAnswers(redisPort), false, 'the Redis run.sh started is gone');
      if (process.env.SHOW_RUN_OUTPUT) console.log(run.output);
    } finally {
      cleanUp(run);
    }
  });

  test('A second SIGTERM while run.sh stops the server ends the server at once and still stops its Redis', { timeout: startTimeout + 60_000 }, async () => {
    const run = await startRunScript();
    try {
      const status = await run.opened();
      assert.equal(status, 200, `run.sh started (output:\n${run.output})`);
      assert.ok(redisAnswers(run.redisPort), 'run.sh started its Redis');

      const shutdown = run.output.length;
      run.script.kill('SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!run.output.slice(shutdown).includes('stopping SupportBot') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      run.script.kill('SIGTERM'); // impatient: the server is still stopping
      const exit = await run.stopped();
      assert.notEqual(exit, 'still running', `run.sh stops (output:\n${run.output.slice(shutdown)})`);
      assert.match(run.output.slice(shutdown), /stopping Redis/, `run.sh went on to stop Redis:\n${run.output.slice(shutdown)}`);
      assert.equal(redisAnswers(run.redisPort), false, 'the Redis run.sh started is gone');
    } finally {
      cleanUp(run);
    }
  });

  test('SIGTERM while run.sh is still building stops the Redis it started', { timeout: startTimeout + 60_000 }, async () => {
    const run = await startRunScript();
    try {
      const deadline = Date.now() + startTimeout;
      while (!run.output.includes('building SupportBot') && run.script.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.match(run.output, /building SupportBot/, `run.sh reached its build (output:\n${run.output})`);
      const redisUp = Date.now() + 5_000;
      while (!redisAnswers(run.redisPort) && Date.now() < redisUp) await new Promise((r) => setTimeout(r, 50));
      assert.ok(redisAnswers(run.redisPort), `run.sh started its Redis before the build (output:\n${run.output})`);

      run.script.kill('SIGTERM');
      const exit = await run.stopped();
      assert.notEqual(exit, 'still running', `run.sh stops (output:\n${run.output})`);
      assert.doesNotMatch(run.output, /starting SupportBot on/, 'no server is started after the SIGTERM');
      assert.match(run.output, /stopping Redis/, `run.sh stopped its Redis:\n${run.output}`);
      assert.equal(redisAnswers(run.redisPort), false, 'the Redis run.sh started is gone');
    } finally {
      cleanUp(run);
    }
  });
});
