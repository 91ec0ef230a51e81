import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSipflow } from '@sipflow/testing';
import {
  ACME_NUMBER,
  PortalBrowser,
  SEED_CALLER as CALLER,
  SEED_DIGEST_RESPONSE as DIGEST_RESPONSE,
} from './support/portal-browser';

// The portal in real Chromium against `sipflow start --demo`: the demo replayer sends the seed call
// of samples/seed-call (8 legs through three call servers, forks, CANCELs, two recorders; see its
// README), a REGISTER refused with 403 and a busy call, then a new round every few seconds.
const SCREENSHOTS = resolve(__dirname, '../../../dist/e2e/screenshots');
const PASSWORDS = { sam: 'harbour-kettle-4821', carol: 'meadow-lantern-7305' };

let portal: PortalBrowser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  portal = new PortalBrowser(...(await Promise.all([startSipflow({ demoIntervalSeconds: 8 }), launchChromium()])));
});

afterAll(async () => {
  await portal?.chromium.close();
  await portal?.sipflow.stop();
});

const url = (path: string) => portal.url(path);
const newPage = () => portal.newPage();
const asNobody = () => portal.asNobody();
const signIn = (page: Page, username: string, password: string) => portal.signIn(page, username, password);
const openSeedCall = (page: Page) => portal.openSeedCall(page);

describe('the portal in Chromium', () => {
  it('refuses a wrong password and signs the admin in with the printed one', async () => {
    await asNobody();
    const page = await newPage();
    await page.goto(url('/calls'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Username').fill(portal.sipflow.admin.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('#sign-in-error').innerText()).toContain('Wrong username or password');
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('admin');
    await page.close();
  });

  it('finds the seed call by the caller’s number and draws its ladder: 9 columns, 8 legs in 8 colours', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    const started = Date.now();
    await openSeedCall(page);
    const columns = await page.locator('.ladder-svg g.column').count();
    const legs = await page.locator('.legend .legend-item').count();
    const colours = new Set(
      await page.locator('.legend .swatch').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor)),
    );
    expect(columns).toBe(9); // 8 devices, the recorder pool as two machines side by side
    expect(legs).toBe(8);
    expect(colours.size).toBe(8);
    expect(await page.locator('.ladder-svg .pool-name').textContent()).toContain('pool');
    expect(await page.getByTestId('ladder-arrow').count()).toBeGreaterThan(40);
    // The URL of the call is shareable: opening it again lands on the same ladder.
    const again = await newPage();
    await again.goto(page.url());
    await again.getByTestId('ladder-arrow').first().waitFor();
    await again.close();
    expect(Date.now() - started).toBeLessThan(30_000);
    await page.close();
  });

  it('shows the full SIP message on hover, pins it on click, and walks messages with the keyboard', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await openSeedCall(page);
    const first = page.getByTestId('ladder-arrow').first();
    await first.hover();
    const text = page.getByTestId('sip-text');
    await text.waitFor();
    expect(await text.innerText()).toMatch(/^INVITE sip:\S+ SIP\/2\.0/);
    expect(await text.innerText()).toMatch(/\n(i|Call-ID): \S+/);
    expect(await page.locator('.sip-key-header').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'call-view.png') });
    await first.click();
    expect(await page.getByTestId('message-panel').innerText()).toContain('pinned');
    await first.press('Escape');
    await first.focus();
    await first.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-arrow'));
    expect(focused).toBe('1');
    await page.close();
  });

  it('explains the 403 of the refused registration on the ladder and in the findings', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.goto(url('/calls?kind=registration&status=403&preset=0'));
    await page.getByTestId('results').locator('a').first().click();
    const findings = page.getByTestId('findings');
    await findings.waitFor();
    expect(await findings.innerText()).toMatch(/403/);
    const flagged = page.locator('[data-testid=ladder-arrow].flagged');
    expect(await flagged.count()).toBeGreaterThan(0);
    await flagged.first().hover();
    expect(await page.getByTestId('message-panel').locator('.finding').first().innerText()).toMatch(/403/);
    await page.close();
  });

  it('lets the admin create a support and a customer account, name a device and set retention', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.goto(url('/admin'));
    const createUser = page.getByRole('form', { name: 'Create user' });
    // Carol is Acme, the customer whose PBX answers +441632960555 (the demo's busy call).
    for (const [username, role, numbers] of [
      ['sam', 'support', ''],
      ['carol', 'customer', ACME_NUMBER],
    ] as const) {
      await createUser.getByLabel('Username').fill(username);
      await createUser.getByLabel('Role').selectOption(role);
      await createUser.getByLabel('Password').fill(PASSWORDS[username]);
      await createUser.getByLabel('Customer numbers').fill(numbers);
      await createUser.getByRole('button', { name: 'Create user' }).click();
      // The form's outcome: the API's refusal (alert) or the confirmation naming this user.
      const outcome = async () =>
        (await createUser.getByRole('alert').count())
          ? createUser.getByRole('alert').innerText()
          : createUser
              .getByRole('status')
              .innerText()
              .catch(() => '');
      await expect.poll(outcome, { timeout: 20_000 }).toBe(`Created ${username}.`);
      await page.getByTestId('users').getByText(username, { exact: true }).first().waitFor();
    }
    const device = page.getByRole('form', { name: 'Save device' });
    await device.getByLabel('Id').fill('cs-b');
    await device.getByLabel('Name').fill('Call server B (Leeds)');
    await device.getByRole('button', { name: 'Save device' }).click();
    await page.getByTestId('devices').getByText('Call server B (Leeds)').waitFor();
    // The name shows wherever the device does, calls stored before it was given included.
    await page.goto(url(`/calls?number=${encodeURIComponent(CALLER)}&preset=0`));
    expect(await page.getByTestId('results').innerText()).toContain('Call server B (Leeds)');
    await page.goto(url('/admin'));
    const retention = page.getByRole('form', { name: 'Save retention' });
    await retention.getByLabel('Audit log').fill('400');
    await retention.getByRole('button', { name: 'Save retention' }).click();
    await retention.getByRole('status').waitFor();
    await page.reload();
    expect(await page.getByRole('form', { name: 'Save retention' }).getByLabel('Audit log').inputValue()).toBe('400');
    await page.close();
  });

  it('hides the digest response from a support user and shows it to the admin', async () => {
    const read = async (username: string, password: string) => {
      await asNobody();
      const page = await newPage();
      await signIn(page, username, password);
      await openSeedCall(page);
      // L2's INVITE with credentials: the arrow whose message carries an Authorization header.
      const arrows = page.locator('[data-testid=ladder-arrow][data-leg=L2].request');
      for (let i = 0; i < (await arrows.count()); i++) {
        await arrows.nth(i).hover();
        const text = await page.getByTestId('sip-text').innerText();
        if (/Authorization: Digest/i.test(text)) {
          await page.close();
          return text;
        }
      }
      await page.close();
      throw new Error('no INVITE with credentials on L2');
    };
    expect(await read(portal.sipflow.admin.username, portal.sipflow.admin.password)).toContain(DIGEST_RESPONSE);
    const support = await read('sam', PASSWORDS.sam);
    expect(support).toMatch(/response=/);
    expect(support).not.toContain(DIGEST_RESPONSE);
  });

  it('shows a support user the evidence and the access trail, but no forms to correct or hold a call', async () => {
    // The admin shares the call first: Sam may not revoke the admin's link, only his own.
    const admin = await newPage();
    await signIn(admin, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await openSeedCall(admin);
    const callPath = new URL(admin.url()).pathname;
    const createLink = async (page: Page) => {
      const form = page.getByRole('form', { name: 'Create link' });
      await form.getByRole('button', { name: 'Create link' }).click();
      await form.getByTestId('share-url').waitFor();
    };
    await createLink(admin);
    await admin.close();

    await asNobody();
    const page = await newPage();
    await signIn(page, 'sam', PASSWORDS.sam);
    await page.goto(url(callPath));
    expect(await page.getByTestId('evidence').getByTestId('link').count()).toBeGreaterThan(0);
    expect(await page.getByRole('form', { name: 'Split leg out' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Join call' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Hold call' }).count()).toBe(0);
    // Who looked at the call: the admin's views above, and this one.
    expect(await page.getByTestId('access-trail').innerText()).toMatch(/calls\.GetCallFlow/);
    const links = page.getByTestId('share-link');
    expect(await links.count()).toBe(1);
    expect(await links.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await createLink(page);
    await page.reload();
    expect(await links.count()).toBe(2);
    const revocable = links.filter({ has: page.getByRole('button', { name: 'Revoke' }) });
    expect(await revocable.count()).toBe(1);
    expect(await revocable.innerText()).toMatch(/by sam/);
    await page.close();
  });

  it('shows a customer its own calls and not the seed call, which is not theirs', async () => {
    await asNobody();
    const admin = await newPage();
    await signIn(admin, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await openSeedCall(admin);
    const callUrl = admin.url();
    await admin.close();
    await asNobody();
    const page = await newPage();
    await signIn(page, 'carol', PASSWORDS.carol);
    await page.goto(callUrl);
    await page.getByTestId('api-problem').waitFor();
    expect(await page.getByTestId('ladder-arrow').count()).toBe(0);
    await page.goto(url(`/calls?number=${encodeURIComponent(CALLER)}&preset=0`));
    expect(await page.getByTestId('results').count()).toBe(0);
    await page.goto(url('/calls?preset=0'));
    const own = await page.getByTestId('results').locator('tbody tr').allInnerTexts();
    expect(own.length).toBeGreaterThan(0);
    for (const row of own) expect(row).toContain(ACME_NUMBER.slice(1));
    // Their own call: the ladder and a way to share it, but not who else looked at it.
    await page.getByTestId('results').locator('a').first().click();
    await page.getByTestId('share').waitFor();
    expect(await page.getByTestId('access-trail').count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Split leg out' }).count()).toBe(0);
    await page.close();
  });

  it('draws the dashboards with data and drills into a status class', async () => {
    await asNobody();
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.goto(url('/dashboards?range=60'));
    const codes = page.getByTestId('chart-codes');
    await codes.locator('svg path').first().waitFor({ state: 'attached' });
    expect(await codes.locator('svg path').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('chart-devices').locator('svg path').count()).toBeGreaterThan(5);
    expect(Number(await page.getByTestId('kpis').locator('.value').first().innerText())).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    await page.goto(url('/dashboards?range=60&class=4'));
    await page.getByText('4xx by code').waitFor();
    await page.close();
  });

  it('shows new calls in the live view as the demo sends them', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.goto(url('/live'));
    await page.getByTestId('live-state').getByText('live').waitFor({ timeout: 20_000 });
    // The demo replayer sends a new round every 8 s: the seed call, a registration, a busy call.
    await page.getByTestId('live-calls').locator('li').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('live-calls').innerText()).toMatch(/→/);
    await page.close();
  });

  it('switches to the dark theme and keeps it across pages', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.getByRole('button', { name: /^Theme:/ }).click(); // system → light
    await page.getByRole('button', { name: /^Theme:/ }).click(); // light → dark
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.goto(url('/dashboards'));
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 22, 28)');
    await page.close();
  });

  it('signs out, and a tampered session cookie counts as no session', async () => {
    const page = await newPage();
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    const [cookie] = (await portal.chromium.context.cookies()).filter((c) => c.name === 'sipflow_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain('sipflow_session');
    await portal.chromium.context.addCookies([{ ...cookie!, value: `${cookie!.value.slice(0, -4)}AAAA` }]);
    await page.goto(url('/calls'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signIn(page, portal.sipflow.admin.username, portal.sipflow.admin.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(url('/calls'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });
});
