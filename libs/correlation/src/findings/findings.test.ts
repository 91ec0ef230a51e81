import { describe, expect, it } from 'vitest';
import { correlate } from '../engine/correlator';
import type { FindingCode } from '../model/finding';
import { request, response, sipRecord } from '../test-records';

const A = '192.0.2.1';
const B = '192.0.2.2';
const up = { from: A, to: B };
const down = { from: B, to: A };
const T = Date.UTC(2026, 10, 20, 12) * 1000;
const ms = (n: number) => T + n * 1000;
const codes = (records: ReturnType<typeof sipRecord>[]) =>
  correlate(records)
    .calls.flatMap((c) => c.findings.map((f) => f.code))
    .sort();
const base = { callId: 'c1@a', fromTag: 'ft' };

const invite = (extra: string[] = [], body?: string) =>
  sipRecord(request('INVITE', { ...base, cseq: 1, branch: 'z9hG4bK1', extra, ...(body ? { body } : {}) }), up, ms(0));
const ringing = sipRecord(
  response('180 Ringing', { ...base, toTag: 'tt', cseq: 1, method: 'INVITE', branch: 'z9hG4bK1' }),
  down,
  ms(50),
);
const ok = sipRecord(
  response('200 OK', { ...base, toTag: 'tt', cseq: 1, method: 'INVITE', branch: 'z9hG4bK1' }),
  down,
  ms(2000),
);
const ack = (at: number) =>
  sipRecord(request('ACK', { ...base, toTag: 'tt', cseq: 1, branch: 'z9hG4bK2' }), up, ms(at));

describe('findings', () => {
  it('a clean call has none', () => {
    expect(codes([invite(), ringing, ok, ack(2010)])).toEqual([]);
  });

  it('unacked-2xx: a 200 OK with no ACK within 32 s', () => {
    const late = sipRecord(
      request('OPTIONS', { callId: 'other', fromTag: 'x', cseq: 1, branch: 'z9hG4bK9' }),
      up,
      ms(40_000),
    );
    expect(codes([invite(), ringing, ok, late])).toContain('unacked-2xx');
    // Not yet: the ACK may still come.
    expect(codes([invite(), ringing, ok])).not.toContain('unacked-2xx');
  });

  it('cancel-race: CANCEL crossed by the 200 OK', () => {
    const cancel = sipRecord(request('CANCEL', { ...base, cseq: 1, branch: 'z9hG4bK1' }), up, ms(1999));
    expect(codes([invite(), ringing, cancel, ok, ack(2010)])).toEqual(['cancel-race']);
  });

  it('487-without-cancel: terminated though nobody cancelled on this leg', () => {
    const terminated = sipRecord(
      response('487 Request Terminated', { ...base, toTag: 'tt', cseq: 1, method: 'INVITE', branch: 'z9hG4bK1' }),
      down,
      ms(3000),
    );
    expect(codes([invite(), ringing, terminated])).toEqual(['487-without-cancel']);
  });

  it('rejected-with-reason carries the Warning text of a 403', () => {
    const forbidden = sipRecord(
      response('403 Forbidden', {
        ...base,
        toTag: 'tt',
        cseq: 1,
        method: 'INVITE',
        branch: 'z9hG4bK1',
        extra: ['Warning: 399 fb.example.net "Call barred by RADIUS"'],
      }),
      down,
      ms(100),
    );
    const { calls } = correlate([invite(), forbidden]);
    const finding = calls[0]!.findings.find((f) => f.code === 'rejected-with-reason')!;
    expect(finding.title).toBe('403 Forbidden to INVITE on 192.0.2.1 → 192.0.2.2');
    expect(finding.explanation).toContain('Call barred by RADIUS');
  });

  it('digest-mismatch names what differs from the challenge', () => {
    const challenge = sipRecord(
      response('401 Unauthorized', {
        ...base,
        toTag: 'tt',
        cseq: 1,
        method: 'INVITE',
        branch: 'z9hG4bK1',
        extra: ['WWW-Authenticate: Digest realm="example.net", nonce="abc123", qop="auth", algorithm=MD5'],
      }),
      down,
      ms(10),
    );
    const retry = sipRecord(
      request('INVITE', {
        ...base,
        cseq: 2,
        branch: 'z9hG4bK3',
        extra: [
          'Authorization: Digest username="alice", realm="example.net", nonce="abc999", uri="sip:bob@198.51.100.7", response="0123456789abcdef0123456789abcdef", qop=auth, nc=00000001, cnonce="x"',
        ],
      }),
      up,
      ms(30),
    );
    const { calls } = correlate([invite(), challenge, retry]);
    const finding = calls[0]!.findings.find((f) => f.code === 'digest-mismatch')!;
    expect(finding.explanation).toContain('nonce "abc999" ≠ challenged "abc123"');
    expect(finding.explanation).toContain('uri "sip:bob@198.51.100.7" ≠ Request-URI "sip:bob@192.0.2.2"');
    expect(finding.explanation).not.toContain('realm');
  });

  it('auth-loop: three challenges and never in', () => {
    const records = [];
    for (let i = 0; i < 3; i++) {
      const branch = `z9hG4bKr${i}`;
      records.push(
        sipRecord(
          request('REGISTER', {
            ...base,
            cseq: i + 1,
            branch,
            ruri: 'sip:192.0.2.2',
            extra: i
              ? [
                  'Authorization: Digest username="a", realm="r", nonce="n' +
                    i +
                    '", uri="sip:192.0.2.2", response="00"',
                ]
              : [],
          }),
          up,
          ms(i * 100),
        ),
      );
      records.push(
        sipRecord(
          response('401 Unauthorized', {
            ...base,
            toTag: `t${i}`,
            cseq: i + 1,
            method: 'REGISTER',
            branch,
            extra: [`WWW-Authenticate: Digest realm="r", nonce="n${i + 1}"`],
          }),
          down,
          ms(i * 100 + 10),
        ),
      );
    }
    expect(codes(records)).toEqual(expect.arrayContaining<FindingCode>(['auth-loop', 'auth-failed']));
  });

  it('sdp-private-address: media at 192.168.x from a public device', () => {
    const sdp = 'v=0\no=- 1 1 IN IP4 192.168.1.20\ns=-\nc=IN IP4 192.168.1.20\nt=0 0\nm=audio 4000 RTP/AVP 0\n';
    expect(codes([invite([], sdp), ringing, ok, ack(2010)])).toEqual(['sdp-private-address']);
  });

  it('semantic-issue: one finding per sender and problem, pointing at every message', () => {
    const bare = ['Contact: <sip:a@fe80:0:0:0:21a:a0ff:fe07:32e0:5060>'];
    const inv = invite(bare);
    const bareAck = sipRecord(
      request('ACK', { ...base, toTag: 'tt', cseq: 1, branch: 'z9hG4bK2', extra: bare }),
      up,
      ms(2010),
    );
    const found = correlate([inv, ringing, ok, bareAck]).calls.flatMap((c) => c.findings);
    expect(found.map((f) => f.code)).toEqual(['semantic-issue']);
    expect(found[0]).toMatchObject({
      title: `Protocol problem in 2 messages from ${A}`,
      explanation: expect.stringMatching(/^Contact writes an IPv6 address without \[brackets\]/),
    });
    expect(found[0]!.recordIds.sort()).toEqual([inv.recordId, bareAck.recordId].sort());
  });

  it('retransmissions and no-final-response for a dead peer', () => {
    const records = [0, 500, 1500, 3500].map((t) =>
      sipRecord(request('INVITE', { ...base, cseq: 1, branch: 'z9hG4bK1' }), up, ms(t)),
    );
    records.push(
      sipRecord(request('OPTIONS', { callId: 'later', fromTag: 'y', cseq: 1, branch: 'z9hG4bKz' }), up, ms(60_000)),
    );
    expect(codes(records)).toEqual(['no-final-response', 'retransmissions']);
  });
});
