import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { request, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSipflow } from '@sipflow/testing';
import { ACME_NUMBER, PortalBrowser, SEED_CALLER, SEED_DIGEST_RESPONSE } from './support/portal-browser';

// Issue 9 in the portal, in real Chromium against `sipflow start --demo` (the seed call of
// samples/seed-call, see its README: 8 legs L1–L8, L7 and L8 the recording legs): the evidence
// panel and corrections by hand, investigation holds, sharing (a masked file and an expiring link
// opened by someone with no account) and the per-call access trail; following a number live.
const SCREENSHOTS = resolve(__dirname, '../../../dist/e2e/screenshots');

let portal: PortalBrowser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  portal = new PortalBrowser(...(await Promise.all([startSipflow({ demoIntervalSeconds: 6 }), launchChromium()])));
});

afterAll(async () => {
  await portal?.chromium.close();
  await portal?.sipflow.stop();
});

const legCount = (page: Page) => page.locator('.legend .legend-item').count();
const trailText = (page: Page) => page.getByTestId('access-trail').innerText();

/** The admin on the first round's seed call (complete long since: nothing changes it under the test). */
async function onSeedCall(): Promise<Page> {
  const page = await portal.newPage();
  await portal.signInAsAdmin(page);
  await portal.openSeedCall(page, { oldest: true });
  return page;
}

/**
 * The README's picture (docs/images/diagnostics.png is a copy), taken with a correction by hand in
 * force: the clock offsets and hop delays, the legs, the evidence panel and what each B2BUA changed.
 */
async function screenshotDiagnostics(page: Page) {
  // Page coordinates (a reload keeps the scroll position, and bounding boxes are the viewport's).
  const { top, bottom } = await page.evaluate(() => {
    const box = (el: Element | null | undefined) => {
      if (!el) throw new Error('the call view has no clocks or evidence panel');
      const r = el.getBoundingClientRect();
      return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
    };
    return {
      top: box(document.querySelector('#clocks-heading')).top - 8,
      bottom: box(document.querySelector('[data-testid=evidence]')?.parentElement).bottom + 8,
    };
  });
  await page.screenshot({
    path: join(SCREENSHOTS, 'diagnostics.png'),
    fullPage: true,
    clip: { x: 0, y: top, width: 1440, height: bottom - top },
  });
}

describe('diagnostics in the portal', () => {
  it('explains why the legs are one call, and takes a split by hand, shows it beside the evidence, and undoes it', async () => {
    const page = await onSeedCall();
    const evidence = page.getByTestId('evidence');
    expect(await legCount(page)).toBe(8);
    // Seven links tie eight legs together, each with the signals that matched.
    expect(await evidence.getByTestId('link').count()).toBeGreaterThanOrEqual(7);
    expect(await evidence.innerText()).toMatch(/recording/);
    expect(await evidence.locator('ul.evidence li').count()).toBeGreaterThanOrEqual(7);

    const split = page.getByRole('form', { name: 'Split leg out' });
    await split.getByLabel('Leg').selectOption('L8');
    await split.getByLabel('Reason').fill('recorder leg belongs to the test rig, not this call');
    await split.getByRole('button', { name: 'Split leg out' }).click();
    await split.getByRole('status').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.legend .legend-item').length === 7);
    const correction = evidence.getByTestId('correction');
    expect(await correction.innerText()).toMatch(/split .*recorder leg belongs to the test rig/s);
    // The automatic link the split overruled stays visible, struck through, beside the correction.
    expect(await correction.getByTestId('overruled-link').count()).toBeGreaterThan(0);

    // A reload reads the corrected call back from the store: the correction was stored, not drawn.
    await page.reload();
    await page.getByTestId('ladder-arrow').first().waitFor();
    expect(await legCount(page)).toBe(7);
    await screenshotDiagnostics(page);
    await page.getByRole('form', { name: 'Undo' }).getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.legend .legend-item').length === 8);
    expect(await evidence.getByTestId('correction').count()).toBe(0);
    const trail = await trailText(page);
    expect(trail).toMatch(/call\.correct\b/);
    expect(trail).toMatch(/call\.correct\.revoke/);
    await page.close();
  });

  it('holds the call past its retention with a reason, shows it and the audit row, and releases it', async () => {
    const page = await onSeedCall();
    const holds = page.getByTestId('holds');
    expect(await holds.innerText()).toMatch(/Not held/);
    const form = page.getByRole('form', { name: 'Hold call' });
    await form.getByLabel('Keep until').fill('2030-06-30');
    await form.getByLabel('Reason').fill('ticket 4711: carrier dispute');
    await form.getByRole('button', { name: 'Hold call' }).click();
    await holds.getByTestId('hold').waitFor();
    expect(await holds.getByTestId('hold').innerText()).toMatch(/2030-06-30 23:59 UTC.*ticket 4711: carrier dispute/s);
    expect(await trailText(page)).toMatch(/call\.hold\b.*ticket 4711/);
    await holds.getByRole('button', { name: 'Release hold' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=hold]'));
    expect(await holds.innerText()).toMatch(/Not held/);
    expect(await trailText(page)).toMatch(/call\.hold\.release/);
    await page.close();
  });

  it('downloads a copy masked for a customer: their legs only, no digest response, recorded in the trail', async () => {
    const page = await onSeedCall();
    const share = page.getByRole('form', { name: 'Download masked copy' });
    await share.getByLabel('Format', { exact: true }).selectOption('text');
    await share.getByLabel('For', { exact: true }).selectOption('customer');
    await share.getByLabel('Customer’s numbers').fill(SEED_CALLER);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      share.getByRole('button', { name: 'Download masked copy' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sipflow-call-.+\.txt$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toMatch(/INVITE/);
    expect(text).not.toContain(SEED_DIGEST_RESPONSE);
    // The customer's copy leaves out the legs between the call servers and to the recorders.
    const full = await page.request.get(`${page.url()}/share?format=text`);
    expect(full.status()).toBe(200);
    expect((await full.text()).length).toBeGreaterThan(text.length);
    await page.reload();
    expect(await trailText(page)).toMatch(/call\.share\b.*for: customer/);
    // The SVG ladder is a drawing, served so that nothing in it can run.
    const svg = await page.request.get(`${page.url()}/share?format=svg`);
    expect(svg.headers()['content-type']).toBe('image/svg+xml');
    expect(svg.headers()['content-security-policy']).toContain("default-src 'none'");
    const svgText = await svg.text();
    expect(svgText).toMatch(/^<svg|^<\?xml/);

    // PNG: the masked SVG drawn by the browser at twice its size.
    await share.getByLabel('Format', { exact: true }).selectOption('png');
    await share.getByLabel('For', { exact: true }).selectOption('support');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      share.getByRole('button', { name: 'Download masked copy' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/^sipflow-call-.+\.png$/);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svgText)!.map(Number);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([width! * 2, height! * 2]);
    await page.close();
  });

  it('creates an expiring link that opens without an account, masked, in the trail — and stops working once revoked', async () => {
    const page = await onSeedCall();
    const form = page.getByRole('form', { name: 'Create link' });
    await form.getByLabel('Format', { exact: true }).selectOption('text');
    await form.getByLabel('Expires after').selectOption('1');
    await form.getByRole('button', { name: 'Create link' }).click();
    const link = await form.getByTestId('share-url').inputValue();
    expect(link).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
    expect(await form.getByRole('status').innerText()).toMatch(/for support \(text\), works until/);

    // Someone with no account: an HTTP client with no session cookie.
    const stranger = await request.newContext();
    const opened = await stranger.get(link);
    expect(opened.status()).toBe(200);
    const body = await opened.text();
    expect(body).toMatch(/INVITE/);
    expect(body).not.toContain(SEED_DIGEST_RESPONSE);
    expect(opened.headers()['referrer-policy']).toBe('no-referrer');

    await page.reload();
    expect(await trailText(page)).toMatch(/call\.share\.open/);
    const links = page.getByTestId('share-link');
    expect(await links.count()).toBeGreaterThan(0);
    await links.first().getByRole('button', { name: 'Revoke' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=share-link]'));
    const revoked = await stranger.get(link);
    expect(revoked.status()).toBe(404);
    expect(await revoked.text()).toMatch(/expired, was revoked, or never existed/);
    // A made-up secret gets the same answer as a revoked one.
    const guessed = await stranger.get(link.replace(/[^/]{43}$/, 'A'.repeat(43)));
    expect(guessed.status()).toBe(404);
    await stranger.dispose();
    await page.close();
  });

  it('follows a number live from a call: every new call to it appears as it happens, no other call does', async () => {
    // services/cli/src/demo/demo-traffic.ts: every other round a busy call to Acme's PBX, from a
    // new caller each time; each round also a copy of the seed call between other numbers.
    const page = await portal.newPage();
    await portal.signInAsAdmin(page);
    await page.goto(portal.url(`/calls?number=${encodeURIComponent(ACME_NUMBER)}&preset=0`));
    await page.getByTestId('results').locator('a').first().click();
    await page
      .getByRole('link', { name: /1632\s?960555/ })
      .first()
      .click();
    await page.waitForURL(/\/live\?number=/);
    await page.getByTestId('live-state').getByText('live').waitFor({ timeout: 20_000 });
    const list = page.getByTestId('live-calls');
    await list.locator('li').nth(1).waitFor({ timeout: 90_000 });
    const rows = await list.locator('li').allInnerTexts();
    for (const row of rows) expect(row).toMatch(/→ \+?(44|0)1632\s?960555/);
    await page.close();
  });
});
