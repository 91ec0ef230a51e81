/**
 * Runs every contender in its own child process over the same corpus bytes, several times, and
 * prints medians: messages/s, MB/s, the ratio to the fastest peer, and the RFC 4475 score.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contenders } from './contenders';
import { encodeCorpus, generateCorpus } from './generate-corpus';

interface Measure {
  messages: number;
  bytes: number;
  ms: number;
  parsed: number;
  warmed: number;
  error?: string;
}
interface Score {
  [dir: string]: { right: number; total: number; wrong: string[] };
}

const childScript = join(__dirname, 'child.cjs');
const corpusDir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'rfc4475');

function child(args: string[]): unknown {
  const out = execFileSync(process.execPath, [childScript, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, DEBUG: '' },
  });
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i === -1 ? fallback : Number(argv[i + 1]);
  };
  const count = option('--messages', 100_000);
  const runs = option('--runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'sipflow-bench-'));
  const file = join(dir, 'corpus.bin');
  try {
    const messages = generateCorpus(count);
    writeFileSync(file, encodeCorpus(messages));
    const bytes = messages.reduce((n, m) => n + m.length, 0);
    console.log(
      `corpus: ${messages.length} messages, ${(bytes / 1e6).toFixed(1)} MB (${file}); ${runs} runs per contender, medians\n`,
    );
    const rows: Array<{
      name: string;
      pkg: string;
      rate?: number;
      mbps?: number;
      parsed?: number;
      warmed?: number;
      score?: string;
      note?: string;
    }> = [];
    for (const c of contenders) {
      const results: Measure[] = [];
      let note: string | undefined;
      for (let r = 0; r < runs && !note; r++) {
        const m = child(['measure', c.name, file]) as Measure;
        if (m.error) note = m.error;
        else results.push(m);
      }
      let scoreText: string | undefined;
      if (!note && c.name !== 'floor (line ends only)') {
        const s = child(['score', c.name, corpusDir]) as Score & { error?: string };
        if (!s.error) {
          const right = s.valid!.right + s.invalid!.right + s.semantic!.right;
          scoreText = `${right}/49 (valid ${s.valid!.right}/13, invalid rejected ${s.invalid!.right}/19, semantic parsed ${s.semantic!.right}/17)`;
        }
      }
      if (note || results.length === 0) {
        rows.push({ name: c.name, pkg: c.package, note: note ?? 'no result' });
        continue;
      }
      const ms = median(results.map((m) => m.ms));
      // Rates from the median run (a very slow contender is timed on the part of the corpus its budget allowed).
      const run = results.find((m) => m.ms === ms)!;
      rows.push({
        name: c.name,
        pkg: c.package,
        rate: (run.messages / ms) * 1000,
        mbps: (run.bytes / 1e6 / ms) * 1000,
        parsed: results[0]!.parsed,
        warmed: results[0]!.warmed,
        score: scoreText,
        note: run.messages < count ? `timed on ${run.messages} messages` : undefined,
      });
    }
    const peers = rows.filter((r) => r.rate && r.name !== 'sipflow' && !r.name.startsWith('floor'));
    const fastest = Math.max(...peers.map((r) => r.rate!));
    const header = [
      'contender',
      'package',
      'msgs/s',
      'MB/s',
      'vs fastest peer',
      'parsed (warm-up pass)',
      'RFC 4475 (valid parsed + invalid rejected + semantic parsed)',
    ];
    const table = rows.map((r) => [
      r.name,
      r.pkg,
      r.rate ? Math.round(r.rate).toLocaleString('en') : '-',
      r.mbps ? r.mbps.toFixed(1) : '-',
      r.rate ? `${(r.rate / fastest).toFixed(2)}×` : (r.note ?? '-'),
      r.parsed === undefined ? '-' : `${r.parsed}/${count}`,
      r.score ?? '-',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(line(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const row of table) console.log(line(row));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
