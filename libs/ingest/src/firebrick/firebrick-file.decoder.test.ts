import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latin1 } from '../core/byte-text';
import { lookupCallId } from '../sip-stream/sip-header-lookup';
import { decodeFireBrickFile } from './firebrick-file.decoder';
import type { FireBrickCapturedSip } from './firebrick-record';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', name)));
const referenceTimeUs = Date.UTC(2014, 6, 28) * 1000;

describe('FireBrick log files', () => {
  // fixtures/README.md: the FIREBRICK.md real sample, reconstructed with documentation addresses.
  it('decodes the reconstructed display sample: REGISTER in, 403 out', () => {
    const batch = decodeFireBrickFile(fixture('firebrick-display-2014.reconstructed.log'), { referenceTimeUs });
    expect(batch.rejections).toEqual([]);
    const [rx, tx] = batch.records as FireBrickCapturedSip[];
    // 08:02:21 BST = 07:02:21 UTC, whole seconds.
    const t = Date.UTC(2014, 6, 27, 7, 2, 21) * 1000;
    expect(rx).toMatchObject({
      captureTimeUs: t,
      timePrecision: 's',
      direction: 'rx',
      transport: 'udp',
      source: { address: '198.51.100.20', port: 3072 },
      ingestPath: 'file',
      formatVariant: 'firebrick/display',
      peerSource: 'via-received',
    });
    expect(tx).toMatchObject({
      direction: 'tx',
      attempt: 0,
      destination: { address: '198.51.100.20', port: 3072 },
      peerSource: 'via-received',
    });
    expect(lookupCallId(rx!.raw)).toBe('07d3cf53d8a5-iys3iqo6spv1');
    expect(lookupCallId(tx!.raw)).toBe('07d3cf53d8a5-iys3iqo6spv1');
    expect(latin1(rx!.raw)).toMatch(/^REGISTER sip:192\.0\.2\.1 SIP\/2\.0\n[\s\S]*Content-Length: 0\n\n$/);
    // The 403 ended at "l: 0" in the log: the empty line is restored.
    expect(latin1(tx!.raw)).toMatch(/^SIP\/2\.0 403 Forbidden\n[\s\S]*\nl: 0\n\n$/);
  });

  it('decodes rsyslog lines: #012 escapes, retransmission, branch peer, other lines, line-per-message', () => {
    const batch = decodeFireBrickFile(fixture('firebrick-syslog-5424.sample.log'), { referenceTimeUs });
    expect(batch.rejections).toEqual([]);
    expect(batch.skipped).toEqual({ 'firebrick/other': 1 });
    const records = batch.records as FireBrickCapturedSip[];
    expect(records.map((r) => [r.direction, r.attempt, r.formatVariant, r.peerSource])).toEqual([
      ['tx', 0, 'firebrick/syslog-5424+escaped', 'request-uri'],
      ['tx', 1, 'firebrick/syslog-5424+escaped', 'request-uri'],
      ['rx', undefined, 'firebrick/syslog-5424+escaped', 'branch'],
      ['rx', undefined, 'firebrick/syslog-3164/line-per-message', 'branch'],
    ]);
    expect(records[0]).toMatchObject({
      deviceHint: 'fb-test',
      captureTimeUs: Date.UTC(2014, 6, 27, 7, 2, 21) * 1000 + 104512,
      timePrecision: 'us',
      destination: { address: '2001:db8::5', port: 5060 },
      ingestPath: 'file',
    });
    expect(records[2]?.source).toEqual({ address: '2001:db8::5', port: 5060 });
    // The INVITE's body survives intact (Content-Length matches what follows the headers).
    const invite = latin1(records[0]!.raw);
    const body = invite.slice(invite.indexOf('\r\n\r\n') + 4);
    expect(invite).toContain(`Content-Length: ${body.length}\r\n`);
    // Line-per-message lines are rejoined with CRLF and end with the restored empty line.
    expect(latin1(records[3]!.raw)).toBe(latin1(records[2]!.raw));
  });
});
