// Debian's Chromium, driven by playwright-core (which ships no browser of its own).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Chromium 156 refuses ws://127.0.0.1 from some pages otherwise (see shared/docs/bot-framework-wire.md).
  '--disable-features=LocalNetworkAccessChecks',
];

export const inCI = process.env.CI === 'true';

/** Why the browser tests cannot run here, or null when they can. */
export function missingBrowser() {
  return existsSync(chromiumPath)
    ? null
    : `${chromiumPath} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests`;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, args });
}
