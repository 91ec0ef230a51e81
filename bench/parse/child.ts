/**
 * One contender in its own process: `measure` times whole passes over the corpus after a warm-up;
 * `score` runs the RFC 4475 torture tests (corpus/SOURCES.md § rfc4475/). Prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contenders } from './contenders';
import { decodeCorpus } from './generate-corpus';

async function main(): Promise<void> {
  const [mode, name, arg] = process.argv.slice(2);
  const contender = contenders.find((c) => c.name === name);
  if (!contender) throw new Error(`unknown contender ${name}`);
  let parse;
  try {
    parse = await contender.load();
  } catch (error) {
    console.log(JSON.stringify({ error: `cannot load: ${(error as Error).message}` }));
    return;
  }
  if (mode === 'score') console.log(JSON.stringify(score(parse, arg!)));
  else console.log(JSON.stringify(measure(parse, decodeCorpus(readFileSync(arg!)))));
}

function tryParse(parse: (b: Buffer) => string | undefined, bytes: Buffer): string | undefined {
  try {
    return parse(bytes);
  } catch {
    return undefined;
  }
}

/** Time budgets that keep the run bounded when a contender is very slow (sip.js: ~1 ms a message). */
const WARMUP_BUDGET_MS = 5_000;
const TIMED_BUDGET_MS = 20_000;

function measure(parse: (b: Buffer) => string | undefined, messages: Buffer[]) {
  // Warm-up: one pass (or as much as the budget allows), so every contender is measured JIT-compiled.
  let parsed = 0;
  let warmed = 0;
  const warmStart = performance.now();
  while (warmed < messages.length) {
    if (tryParse(parse, messages[warmed++]!) !== undefined) parsed++;
    if ((warmed & 255) === 0 && performance.now() - warmStart > WARMUP_BUDGET_MS) break;
  }
  let bytes = 0;
  let count = 0;
  let check = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(TIMED_BUDGET_MS) * 1_000_000n;
  for (; count < messages.length; count++) {
    const m = messages[count]!;
    check += parse(m)?.length ?? 0;
    bytes += m.length;
    if ((count & 255) === 255 && process.hrtime.bigint() - start > budget) {
      count++;
      break;
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { messages: count, bytes, ms, parsed, warmed, check };
}

function score(parse: (b: Buffer) => string | undefined, corpusDir: string) {
  const result: Record<string, { right: number; total: number; wrong: string[] }> = {};
  for (const dir of ['valid', 'invalid', 'semantic']) {
    const files = readdirSync(join(corpusDir, dir)).sort();
    const r = { right: 0, total: files.length, wrong: [] as string[] };
    for (const file of files) {
      const accepted = tryParse(parse, readFileSync(join(corpusDir, dir, file))) !== undefined;
      // valid and semantic messages must parse; invalid ones must be rejected.
      if (accepted === (dir !== 'invalid')) r.right++;
      else r.wrong.push(file);
    }
    result[dir] = r;
  }
  return result;
}

main().catch((error) => {
  console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
});
