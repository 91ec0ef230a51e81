import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, storeConfig } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { launchChromium, samplePath, startSipflow, type Chromium } from '@sipflow/testing';
import type { Page } from 'playwright-core';
import { generateStore } from '../api/generate-store';
import { BIG_CALLER, bigCallSyslog } from './big-call';

const ROOT = resolve(__dirname, '../..');
const SEED_CALLER = '+441632960123';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** `sipflow import` of one syslog file into the data directory, with the seed call's device map. */
function importFile(data: string, file: string) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'services/cli/bin/sipflow.cjs'), 'import', '--data', data, file],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json') },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`sipflow import ${file} failed: ${result.stderr}`);
  process.stdout.write(`  ${result.stdout.trim().split('\n').at(-1)}\n`);
}

/** The browser's own timings of one page load (ms from navigation start). */
interface Timing {
  response: number;
  domContentLoaded: number;
  /** The ladder's hydration mark, or the results table found in the DOM. */
  interactive: number;
}

type CallViewTiming = Timing & { arrows: number; hoverMs: number };
type SearchTiming = Timing & { rows: number };

async function timeCallView(page: Page, url: string): Promise<CallViewTiming> {
  await page.goto(url, { waitUntil: 'commit' });
  const interactive = await page.waitForFunction(
    () => performance.getEntriesByName('ladder-interactive')[0]?.startTime,
    undefined,
    { timeout: 60_000, polling: 20 },
  );
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { response: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd };
  });
  const arrows = await page.getByTestId('ladder-arrow').count();
  // Hover to message text: the route handler fetching GetMessage through the API.
  const started = Date.now();
  await page
    .getByTestId('ladder-arrow')
    .nth(Math.floor(arrows / 2))
    .hover();
  await page.getByTestId('sip-text').waitFor();
  return { ...nav, interactive: Number(await interactive.jsonValue()), arrows, hoverMs: Date.now() - started };
}

async function timeSearch(page: Page, url: string): Promise<SearchTiming> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('results').waitFor();
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { response: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, interactive: performance.now() };
  });
  return { ...timing, rows: await page.getByTestId('results').locator('tbody tr').count() };
}

async function signIn(chromium: Chromium, base: string, admin: { username: string; password: string }) {
  const page = await chromium.context.newPage();
  await page.goto(new URL('/sign-in', base).toString());
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

async function callUrl(page: Page, base: string, caller: string): Promise<string> {
  await page.goto(new URL(`/calls?number=${encodeURIComponent(caller)}&preset=0`, base).toString());
  return new URL((await page.getByTestId('results').locator('a').first().getAttribute('href'))!, base).toString();
}

/**
 * Time to interactive of the call view for a 500-message call and for the 56-message seed call (the
 * peer in the same run), and of search, measured with Chromium's own navigation timing and the
 * ladder's hydration mark, against `sipflow start` on a store of `calls` seed-shaped calls.
 */
export async function main(args: string[]): Promise<void> {
  const info = option(args, 'info', 225);
  const calls = option(args, 'calls', 1000);
  const runs = option(args, 'runs', 5);
  const work = mkdtempSync(join(tmpdir(), 'sipflow-bench-portal-'));
  const data = join(work, 'data');
  console.log(`bench/portal: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  try {
    console.log(`filling the store: ${calls} seed-shaped calls over 24 h, the seed call, a call with ${info} INFO`);
    const config = loadConfig(storeConfig, { SIPFLOW_DATA_DIR: data });
    const connection = await openStoreConnection(config, 'bench/portal');
    const store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    await generateStore(store, calls);
    await connection.close();
    const big = join(work, 'big-call.syslog');
    writeFileSync(big, bigCallSyslog(info));
    importFile(data, big);
    importFile(data, samplePath('seed-call', 'seed-call.syslog'));

    const sipflow = await startSipflow({ data });
    const chromium = await launchChromium();
    try {
      const page = await signIn(chromium, sipflow.portalUrl, sipflow.admin);
      const bigUrl = await callUrl(page, sipflow.portalUrl, BIG_CALLER);
      const seedUrl = await callUrl(page, sipflow.portalUrl, SEED_CALLER);
      // One warm-up of each page: the first request compiles nothing (production build) but fills caches.
      await timeCallView(page, bigUrl);
      await timeCallView(page, seedUrl);
      const samples: { big: CallViewTiming[]; seed: CallViewTiming[] } = { big: [], seed: [] };
      const searches: { exact: SearchTiming[]; suffix: SearchTiming[] } = { exact: [], suffix: [] };
      for (let i = 0; i < runs; i++) {
        samples.big.push(await timeCallView(page, bigUrl));
        samples.seed.push(await timeCallView(page, seedUrl));
        searches.exact.push(
          await timeSearch(
            page,
            new URL(`/calls?number=${encodeURIComponent(SEED_CALLER)}&preset=0`, sipflow.portalUrl).toString(),
          ),
        );
        searches.suffix.push(
          await timeSearch(page, new URL('/calls?number=0123&match=suffix&preset=1440', sipflow.portalUrl).toString()),
        );
      }
      const row = (name: string, xs: Timing[], extra: string) =>
        console.log(
          `${name.padEnd(34)} ${median(xs.map((x) => x.response))
            .toFixed(0)
            .padStart(8)} ${median(xs.map((x) => x.domContentLoaded))
            .toFixed(0)
            .padStart(8)} ${median(xs.map((x) => x.interactive))
            .toFixed(0)
            .padStart(12)}   ${extra}`,
        );
      console.log(`\nmedians of ${runs} runs, ms from navigation start (Chromium's own timings)`);
      console.log(`${'page'.padEnd(34)} ${'response'.padStart(8)} ${'DCL'.padStart(8)} ${'interactive'.padStart(12)}`);
      row(
        `call view, ${samples.big[0]!.arrows} messages`,
        samples.big,
        `hover → SIP text ${median(samples.big.map((s) => s.hoverMs))} ms`,
      );
      row(
        `call view, seed (${samples.seed[0]!.arrows} messages)`,
        samples.seed,
        `hover → SIP text ${median(samples.seed.map((s) => s.hoverMs))} ms`,
      );
      row('search, exact number', searches.exact, `${searches.exact[0]!.rows} rows`);
      row('search, number suffix, last 24 h', searches.suffix, `${searches.suffix[0]!.rows} rows`);
      const ratio = median(samples.big.map((s) => s.interactive)) / median(samples.seed.map((s) => s.interactive));
      console.log(
        `\nbig call / seed call time to interactive: ${ratio.toFixed(2)}× for ${(samples.big[0]!.arrows / samples.seed[0]!.arrows).toFixed(1)}× the messages`,
      );
    } finally {
      await chromium.close();
      await sipflow.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
