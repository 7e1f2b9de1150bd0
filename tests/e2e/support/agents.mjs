// Agent accounts for the server under test, set up the way an operator would: the password hashed by the CLI
// (`supportbot agents hash-password`, password on stdin) and the account given to the server as configuration.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './server.mjs';

function cliDll() {
  const dll = process.env.SUPPORTBOT_CLI_DLL
    ? resolve(process.env.SUPPORTBOT_CLI_DLL)
    : resolve(repoRoot, 'src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll');
  if (!existsSync(dll)) {
    throw new Error(`The SupportBot CLI is not built: ${dll} does not exist. Build the solution first: `
      + `cd ${repoRoot} && dotnet build SupportBot.sln -c Release (or point SUPPORTBOT_CLI_DLL at supportbot.dll).`);
  }
  return dll;
}

/** The hash `supportbot agents hash-password` makes of `password` (at least 8 characters). */
export function hashPassword(password) {
  const dll = cliDll();
  const run = spawnSync('dotnet', [dll, 'agents', 'hash-password'], { input: `${password}\n`, encoding: 'utf8', timeout: 30_000 });
  if (run.error) {
    throw new Error(`could not run dotnet ${dll} agents hash-password: ${run.error.message}`);
  }
  const hash = run.stdout.trim();
  if (run.status !== 0 || !hash || /\s/.test(hash)) {
    throw new Error(`dotnet ${dll} agents hash-password failed (exit ${run.status}): ${run.stderr.trim() || run.stdout.trim() || 'no output'}`);
  }
  return hash;
}

/**
 * Environment variables that configure agent accounts (Agents:Accounts), for startServer({ env }).
 * Each account: { id, name, password, roles = ['agent'], languages, skills, capacity }.
 */
export function agentAccountsEnv(accounts) {
  const env = {};
  accounts.forEach((account, i) => {
    const key = `Agents__Accounts__${i}__`;
    env[`${key}Id`] = account.id;
    env[`${key}Name`] = account.name;
    env[`${key}PasswordHash`] = hashPassword(account.password);
    (account.roles ?? ['agent']).forEach((role, j) => { env[`${key}Roles__${j}`] = role; });
    (account.languages ?? []).forEach((language, j) => { env[`${key}Languages__${j}`] = language; });
    (account.skills ?? []).forEach((skill, j) => { env[`${key}Skills__${j}`] = skill; });
    if (account.capacity) {
      env[`${key}Capacity`] = String(account.capacity);
    }
  });
  return env;
}
