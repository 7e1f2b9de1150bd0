// The agent console as the e2e tests open it: one browser context a signed-in agent, at a desk or on a phone.

/** Screen sizes the console is tested at: a desk (1280×800) and a phone (390×844, mobile emulation). */
export const desk = { viewport: { width: 1280, height: 800 } };
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/**
 * Opens /agent/ in a new context (added to `contexts`, for the caller to close), signs `account` in and resolves to
 * the page once the agent is Available and connected.
 */
export async function signedInConsole(browser, baseUrl, contexts, account, options = desk) {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/agent/`);
  await page.getByTestId('sign-in-name').fill(account.id);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid=status-toggle][data-status=available]').waitFor({ timeout: 15_000 });
  await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: 15_000 });
  return page;
}
