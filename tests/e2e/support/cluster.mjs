// The cluster mode of the launcher (SUPPORTBOT_E2E_CLUSTER=N): N server processes on one Redis behind nginx with
// deploy/nginx.conf (filled in by deploy/start-nginx.sh, as deploy/run-cluster.sh does), so the same tests show the
// widget and the agent console working through a load balancer with no sticky sessions.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Puts nginx on `port` in front of the servers ({ baseUrl, stop } each) and resolves to { baseUrl, store, stop,
 * output } like one server; stop() stops nginx and then every server.
 */
export async function startNginx(repoRoot, port, servers) {
  const runDirectory = mkdtempSync(join(tmpdir(), 'supportbot-e2e-nginx-'));
  const upstreams = servers.map((server) => new URL(server.baseUrl).host);
  const child = spawn('bash', [join(repoRoot, 'deploy/start-nginx.sh'), runDirectory, `127.0.0.1:${port}`, ...upstreams], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk.toString(); });
  const exited = new Promise((resolveExit) => child.on('exit', resolveExit));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null) {
      child.kill('SIGTERM'); // nginx's fast shutdown: its workers go too
      await exited;
    }
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(runDirectory, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited: ${output || '(no output)'}`);
    }
    try {
      if ((await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200) {
        return {
          baseUrl,
          store: 'redis',
          stop,
          output: () => `nginx: ${output}\n${servers.map((server, i) => `server ${i + 1}:\n${server.output()}`).join('\n')}`,
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
  await stop();
  throw new Error('nginx did not answer /healthz within 20 s');
}
