import type { Page } from 'playwright-core';
import type { Chromium, RunningSipflow } from '@sipflow/testing';

// samples/seed-call (its README): the caller of the seed call, and the digest response cs-b sends
// to cs-c on L2 (CSeq 2) — a secret every masked view must leave out.
export const SEED_CALLER = '+441632960123';
export const SEED_DIGEST_RESPONSE = '8b3f2c71d0e94a6b5c1d7e2f90a3b4c5';
// services/cli/src/demo/demo-traffic.ts: the busy call to Acme's PBX, every other demo round.
export const ACME_NUMBER = '+441632960555';

/** Pages of one `sipflow start` in one Chromium, driven as a person would. */
export class PortalBrowser {
  constructor(
    readonly sipflow: RunningSipflow,
    readonly chromium: Chromium,
  ) {}

  url(path: string): string {
    return new URL(path, this.sipflow.portalUrl).toString();
  }

  newPage(): Promise<Page> {
    return this.chromium.context.newPage();
  }

  /** Drops the cookies, so the next page starts as nobody. */
  asNobody(): Promise<void> {
    return this.chromium.context.clearCookies();
  }

  async signIn(page: Page, username: string, password: string): Promise<void> {
    await this.asNobody();
    await page.goto(this.url('/sign-in'));
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  }

  signInAsAdmin(page: Page): Promise<void> {
    return this.signIn(page, this.sipflow.admin.username, this.sipflow.admin.password);
  }

  /**
   * Opens a copy of the seed call found by its caller's number (the demo re-sends it every round):
   * the newest, or with `oldest` the first round's, complete long since. Only a copy the correlator
   * has finished (8 legs, not open) is taken; the search is repeated until one is stored.
   */
  async openSeedCall(page: Page, { oldest = false } = {}): Promise<void> {
    const order = oldest ? '&order=oldest' : '';
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(this.url(`/calls?number=${encodeURIComponent(SEED_CALLER)}&preset=0${order}`));
      const href = await page.evaluate(() => {
        const rows = Array.from(document.querySelectorAll('[data-testid=results] tbody tr'));
        const done = rows.find((r) => r.children[5]?.textContent === '8' && !/\bopen\b/.test(r.textContent ?? ''));
        return done?.querySelector('a')?.getAttribute('href') ?? null;
      });
      if (href && (await this.openCall(page, href, deadline))) return;
      if (Date.now() > deadline) throw new Error('no complete copy of the seed call was stored within 60 s');
      await page.waitForTimeout(1000);
    }
  }

  /**
   * Opens a call page and waits for its ladder. The tests share two cores with the whole stack (and
   * with other projects' tests), so the API may answer the portal with an outage or a deadline
   * exceeded: as a person would, the search and the page are tried again until the deadline, and
   * a page that still shows no ladder fails with what it said.
   */
  private async openCall(page: Page, href: string, deadline: number): Promise<boolean> {
    await page.goto(this.url(href));
    const ladder = page.getByTestId('ladder-arrow').first();
    const problem = page.getByTestId('api-problem');
    await ladder
      .or(problem)
      .first()
      .waitFor({ timeout: Math.max(deadline - Date.now(), 30_000) });
    if (await ladder.isVisible()) return true;
    const said = await problem.innerText();
    if (Date.now() > deadline) throw new Error(`the call page ${href} showed no ladder: ${said}`);
    return false;
  }
}
