import { listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import type { SipMessage } from '../model/message';
import { parseSipMessage } from '../parser/parse-sip-message';

// Robustness: mutations of corpus messages (corpus/SOURCES.md: rfc4475/* and rfc3665/raw/*) must
// never make the parser throw, hang or hoard memory. Deterministic: a seeded PRNG picks the cases.

const CASES = 100_000;
/**
 * Per-case bound: a fixed allowance plus a linear one per input byte (50 ns/byte: a 1 MiB header
 * may take its time, but a quadratic blow-up on even 64 KiB takes seconds). A case over it is timed
 * again (best of three), so a GC pause or the scheduler of a shared 2-core machine does not count.
 */
const MAX_CASE_MS = 10;
const MAX_MS_PER_BYTE = 50e-6;
const boundMs = (input: Uint8Array) => MAX_CASE_MS + input.length * MAX_MS_PER_BYTE;
const MAX_HEAP_GROWTH_MB = 128;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain Uint8Array copies: Buffer#slice would share memory, and mutations must not leak into the seeds. */
function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const dir of ['valid', 'invalid', 'semantic']) {
    for (const name of listCorpus(`rfc4475/${dir}`)) out.push(new Uint8Array(readCorpusFile(`rfc4475/${dir}`, name)));
  }
  for (const flow of listCorpus('rfc3665/raw')) {
    for (const name of listCorpus(`rfc3665/raw/${flow}`)) {
      out.push(new Uint8Array(readCorpusFile(`rfc3665/raw/${flow}`, name)));
    }
  }
  return out;
}

const SEPARATORS = [';', ',', ':', '<', '>', '"', '\\', '=', '@', '/', '%', ' ', '\t', '\r\n', '\n', '\r\n ', '[', ']'];
const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mutate(random: () => number, corpus: Uint8Array[]): Uint8Array {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const base = pick(corpus);
  const at = Math.floor(random() * (base.length + 1));
  switch (Math.floor(random() * 11)) {
    case 0: {
      // bit flips
      const copy = base.slice();
      for (let n = 1 + Math.floor(random() * 8); n > 0 && copy.length > 0; n--) {
        copy[Math.floor(random() * copy.length)]! ^= 1 << Math.floor(random() * 8);
      }
      return copy;
    }
    case 1:
      // truncation anywhere: start line, headers, header terminator, body
      return base.subarray(0, at);
    case 2: {
      // splice two messages
      const other = pick(corpus);
      return concat(base.subarray(0, at), other.subarray(Math.floor(random() * other.length)));
    }
    case 3: {
      // a huge header, sometimes over the line limit
      const size = random() < 0.5 ? 4_000 + Math.floor(random() * 8_000) : 17_000 + Math.floor(random() * 50_000);
      const value = pick(['a', ';', ',', '"', '<', '%', ' ']).repeat(size);
      return concat(
        base.subarray(0, lineStart(base, at)),
        ascii(`${pick(['Via', 'To', 'Contact', 'X-Big'])}: ${value}\r\n`),
        base.subarray(lineStart(base, at)),
      );
    }
    case 4: {
      // NUL bytes
      const copy = base.slice();
      for (let n = 1 + Math.floor(random() * 4); n > 0 && copy.length > 0; n--)
        copy[Math.floor(random() * copy.length)] = 0;
      return copy;
    }
    case 5:
      // invalid UTF-8
      return concat(
        base.subarray(0, at),
        Uint8Array.of(pick([0xff, 0xc3, 0xe2, 0x80, 0xf0]), pick([0x28, 0x80, 0xff, 0x0a])),
        base.subarray(at),
      );
    case 6: {
      // repeated separators
      const sep = pick(SEPARATORS).repeat(1 + Math.floor(random() * (random() < 0.9 ? 8 : 5_000)));
      return concat(base.subarray(0, at), ascii(sep), base.subarray(at));
    }
    case 7: {
      // many header lines
      const count = 50 + Math.floor(random() * 400);
      const line = pick(['Via: SIP/2.0/UDP h;branch=z9hG4bKx\r\n', 'X: y\r\n', 'Route: <sip:a;lr>\r\n', ' folded\r\n']);
      const cut = lineStart(base, at);
      return concat(base.subarray(0, cut), ascii(line.repeat(count)), base.subarray(cut));
    }
    case 8:
      // CRLF → LF everywhere
      return ascii(Buffer.from(base).toString('latin1').replaceAll('\r\n', '\n'));
    case 9: {
      // duplicate a random line
      const from = lineStart(base, at);
      let to = base.indexOf(0x0a, from);
      to = to === -1 ? base.length : to + 1;
      return concat(base.subarray(0, to), base.subarray(from, to), base.subarray(to));
    }
    default: {
      // random bytes replacing a region
      const len = Math.floor(random() * 32);
      const noise = Uint8Array.from({ length: len }, () => Math.floor(random() * 256));
      return concat(base.subarray(0, at), noise, base.subarray(Math.min(base.length, at + len)));
    }
  }
}

function lineStart(bytes: Uint8Array, at: number): number {
  const nl = bytes.lastIndexOf(0x0a, Math.max(0, at - 1));
  return nl === -1 ? 0 : nl + 1;
}

/** CPU milliseconds this process has used: unlike wall time, not inflated while the scheduler runs others. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The case timed again in CPU time, best of three: on a loaded shared machine the wall clock of a
 * case includes time spent descheduled; a quadratic parser path does not hide that way.
 */
function bestOfThree(input: Uint8Array, framing: 'stream' | 'datagram'): number {
  let best = Infinity;
  for (let n = 0; n < 3; n++) {
    const t0 = cpuMs();
    const result = parseSipMessage(input, { framing });
    if (result.ok) exercise(result.message);
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}

/** Touches every lazy accessor: they must not throw either. */
function exercise(message: SipMessage): number {
  let n = message.sdp()?.media.length ?? 0;
  n += message.bodyParts().length;
  for (const name of ['contact', 'route', 'record-route', 'p-asserted-identity', 'refer-to', 'x'])
    n += message.nameAddrs(name).length;
  for (const name of ['authorization', 'www-authenticate', 'proxy-authorization']) n += message.digest(name).length;
  n += message.warnings().length + message.reasons().length;
  n += message.headers.all('via').length + message.headers.entries().length + message.headers.all('accept').length;
  return n + JSON.stringify(message.issues).length;
}

describe('parser robustness (fuzz)', () => {
  it(`survives ${CASES.toLocaleString('en')} mutated corpus messages: no exception, bounded time and memory`, () => {
    const corpus = seeds();
    const random = prng(0x5ee0f10);
    let ok = 0;
    // The worst case as a fraction of its bound (> 1 fails).
    let slowest = 0;
    let slowestMs = 0;
    let slowestInput: Uint8Array | undefined;
    const internal: string[] = [];
    let baseline = 0;
    const started = cpuMs();
    for (let i = 0; i < CASES; i++) {
      if (i === 2_000) baseline = process.memoryUsage().heapUsed;
      const input = mutate(random, corpus);
      const t0 = performance.now();
      const result = parseSipMessage(input, { framing: i % 5 === 0 ? 'stream' : 'datagram' });
      if (result.ok) {
        exercise(result.message);
        ok++;
      } else {
        expect(result.error.name).toBe('SipParseError');
        if (result.error.reason.startsWith('internal parser error')) internal.push(result.error.reason);
      }
      let ms = performance.now() - t0;
      if (ms > boundMs(input)) ms = bestOfThree(input, i % 5 === 0 ? 'stream' : 'datagram');
      if (i > 2_000 && ms / boundMs(input) > slowest) {
        slowest = ms / boundMs(input);
        slowestMs = ms;
        slowestInput = input;
      }
    }
    const elapsed = cpuMs() - started;
    const growthMb = (process.memoryUsage().heapUsed - baseline) / 2 ** 20;
    expect(internal, internal.slice(0, 3).join('\n')).toEqual([]);
    const worst = `worst case ${slowestMs.toFixed(1)} ms for ${slowestInput?.length} bytes`;
    expect(slowest, `${worst}, ${(slowest * 100).toFixed(0)}% of its bound`).toBeLessThan(1);
    expect(growthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
    // Both outcomes occur: mutations that stay valid, and rejections.
    expect(ok).toBeGreaterThan(CASES / 20);
    expect(ok).toBeLessThan(CASES);
    expect(elapsed).toBeLessThan(45_000);
  }, 60_000);

  it.each([
    ['a 4 MB line', ascii(`INVITE sip:a@b SIP/2.0\r\nX: ${'a'.repeat(4_000_000)}\r\n\r\n`)],
    ['100 000 header lines', ascii(`INVITE sip:a@b SIP/2.0\r\n${'X: y\r\n'.repeat(100_000)}\r\n`)],
    ['100 000 folds', ascii(`INVITE sip:a@b SIP/2.0\r\nX: y\r\n${' z\r\n'.repeat(100_000)}\r\n`)],
    ['a 100 000-element Via list', ascii(`INVITE sip:a@b SIP/2.0\r\nVia: ${'SIP/2.0/UDP h,'.repeat(100_000)}\r\n\r\n`)],
    ['only line breaks', ascii('\r\n'.repeat(500_000))],
    ['a long start line', ascii(`INVITE sip:${'a'.repeat(1_000_000)} SIP/2.0\r\n\r\n`)],
    ['an unterminated quote', ascii(`INVITE sip:a@b SIP/2.0\r\nTo: "${'\\"'.repeat(5_000)}\r\n\r\n`)],
  ])('rejects or bounds %s quickly', (_what, input) => {
    const result = parseSipMessage(input);
    if (!result.ok) expect(result.error.reason).not.toMatch(/internal parser error/);
    // Linear work on a few MB takes tens of ms; a quadratic path would take minutes.
    expect(bestOfThree(input, 'datagram')).toBeLessThan(200);
  });
});
