import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCaptureFile } from '@sipflow/ingest';
import { makeTempDir, samplePath } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sipflowIn } from './cli-process';

// `sipflow share` and `sipflow trail` through the real command on the imported seed call
// (samples/seed-call: caller 01632 960123, called 01632 960999, mobile fork 07700 900123; cs-c
// challenges cs-b with 401 and cs-b retries with a digest Authorization).
describe('sipflow share', () => {
  const data = makeTempDir('sipflow-cli-share-');
  afterAll(() => data.remove());
  const { run, ok } = sipflowIn(data.path, { DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json') });
  const foreign = ['01632960999', '441632960999', '07700900123', '447700900123'];

  it('masks other parties and secrets for a customer in every format, and records each share in the trail', () => {
    ok('import', samplePath('seed-call', 'seed-call.syslog'));
    const [call] = JSON.parse(ok('calls', '--json')) as { id: string }[];
    const customer = ['--for', 'customer', '--own', '01632 960123', '--author', 'carol'];

    const text = ok('share', call!.id, '--format', 'text', ...customer);
    expect(text).toContain('Why these legs are one call:');
    expect(text).toContain('redacted');
    for (const n of foreign) expect(text).not.toContain(n);

    const json = JSON.parse(ok('share', call!.id, '--format', 'json', ...customer));
    const raw = json.messages.map((m: { raw: string }) => m.raw).join('\n');
    expect(raw).toContain('01632960123');
    for (const n of foreign) expect(raw).not.toContain(n);
    expect(raw).toMatch(/Authorization: Digest/);
    expect(raw).not.toMatch(/response="[0-9a-f]{32}"/);

    const svg = ok('share', call!.id, '--format', 'svg', ...customer);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const n of foreign) expect(svg).not.toContain(n);

    const file = join(data.path, 'call.pcap');
    ok('share', call!.id, '--format', 'pcap', '--out', file, ...customer);
    const pcap = readFileSync(file);
    const decoded = decodeCaptureFile(new Uint8Array(pcap));
    expect(decoded.rejections).toEqual([]);
    expect(decoded.records.length).toBe(json.messages.length);
    for (const n of foreign) expect(pcap.includes(n)).toBe(false);
    // Wireshark's dissector reads it as SIP (tshark from Debian, when installed).
    const tshark = spawnSync('tshark', ['-r', file, '-Y', 'sip', '-T', 'fields', '-e', 'frame.number'], {
      encoding: 'utf8',
    });
    if (!tshark.error) expect(tshark.stdout.trim().split('\n')).toHaveLength(decoded.records.length);

    // Support gets every number, with the digest response still masked.
    const support = JSON.parse(ok('share', call!.id, '--format', 'json', '--for', 'support'));
    const supportRaw = support.messages.map((m: { raw: string }) => m.raw).join('\n');
    expect(supportRaw).toContain('01632960999');
    expect(supportRaw).not.toMatch(/response="[0-9a-f]{32}"/);

    const trail = JSON.parse(ok('trail', call!.id, '--json')) as { subject: string; action: string; detail: string }[];
    const shares = trail.filter((e) => e.action === 'call.share').map((e) => JSON.parse(e.detail));
    expect(shares.map((s) => `${s.format}/${s.for}`)).toEqual([
      'text/customer',
      'json/customer',
      'svg/customer',
      'pcap/customer',
      'json/support',
    ]);
    expect(trail.filter((e) => e.action === 'call.share')[0]!.subject).toBe('carol');
  }, 300_000);

  it('makes an expiring link (its secret printed once, never in the trail) and revokes it, both in the trail', () => {
    const [call] = JSON.parse(ok('calls', '--json')) as { id: string }[];
    const made = run(
      'share',
      call!.id,
      '--link',
      '--expires',
      '2h',
      '--portal',
      'https://portal.example.net/',
      '--author',
      'dave',
    );
    expect(made.status).toBe(0);
    const url = made.stdout.trim();
    expect(url).toMatch(/^https:\/\/portal\.example\.net\/shared\/[A-Za-z0-9_-]{43}$/);
    const id = /^link (\S+) for support \(text\) until (\S+)/.exec(made.stderr);
    expect(id).not.toBeNull();
    const until = Date.parse(id![2]!);
    expect(Math.abs(until - (Date.now() + 2 * 3_600_000))).toBeLessThan(120_000);
    expect(run('share', call!.id, '--link', '--expires', '31d').status).toBe(2);
    expect(run('share', call!.id, '--revoke', 'no-such-link').status).not.toBe(0);
    expect(ok('share', call!.id, '--revoke', id![1]!)).toContain(`revoked ${id![1]}`);
    const trail = JSON.parse(ok('trail', call!.id, '--json')) as { subject: string; action: string; detail: string }[];
    const links = trail.filter((e) => e.action.startsWith('call.share.'));
    expect(links.map((e) => `${e.action} ${e.subject}`)).toEqual([
      `call.share.link dave`,
      `call.share.revoke ${links[1]!.subject}`,
    ]);
    // The trail names the link and its expiry, never its secret.
    expect(JSON.stringify(trail)).not.toContain(url.split('/').pop());
  }, 300_000);

  it('refuses a customer share without their numbers', () => {
    const result = run('share', 'x', '--for', 'customer');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--own');
  });
});
