// Screenshots the e2e run keeps (tests/e2e/artifacts/, git-ignored), named so the README's guides can link them.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const artifactsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** Saves a screenshot of `page` as artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
