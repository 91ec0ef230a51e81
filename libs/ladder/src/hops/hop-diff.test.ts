import { parseSipMessage, type SipMessage } from '@sipflow/sip';
import { describe, expect, it } from 'vitest';
import { diffForwarded } from './hop-diff';

const parse = (text: string): SipMessage => {
  const body = text.split('\n\n')[1] ?? '';
  const head = text.split('\n\n')[0]!;
  const result = parseSipMessage(
    Buffer.from(
      `${head}\nContent-Length: ${Buffer.byteLength(body.replace(/\n/g, '\r\n'))}\n\n${body}`.replace(/\n/g, '\r\n'),
    ),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.message;
};

const sdp = (address: string, port: number, formats: string) =>
  [
    'v=0',
    `o=- 1 1 IN IP4 ${address}`,
    's=-',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${formats}`,
    ...formats
      .split(' ')
      .map((pt) => `a=rtpmap:${pt} ${{ 0: 'PCMU', 8: 'PCMA', 9: 'G722', 101: 'telephone-event' }[Number(pt)]}/8000`),
    '',
  ].join('\n');

const invite = (opts: { from: string; ruri: string; extra?: string[]; body: string; via: string }) =>
  parse(
    [
      `INVITE sip:${opts.ruri}@192.0.2.2 SIP/2.0`,
      `Via: SIP/2.0/UDP ${opts.via};branch=z9hG4bK${opts.via}`,
      `From: <sip:${opts.from}@192.0.2.1>;tag=a`,
      `To: <sip:${opts.ruri}@192.0.2.2>`,
      `Call-ID: ${opts.via}@x`,
      'CSeq: 1 INVITE',
      'Max-Forwards: 70',
      ...(opts.extra ?? []),
      'Content-Type: application/sdp',
      '',
      opts.body,
    ].join('\n'),
  );

describe('what a B2BUA changed', () => {
  it('names number forms, dropped codecs, replaced media addresses and added headers', () => {
    const received = invite({
      from: '+441632960123',
      ruri: '01632960999',
      via: '198.51.100.1',
      body: sdp('198.51.100.7', 30000, '0 8 9 101'),
    });
    const forwarded = invite({
      from: '01632960123',
      ruri: '01632960999',
      via: '192.0.2.10',
      extra: ['X-Billing: 42'],
      body: sdp('192.0.2.10', 40000, '8 101'),
    });
    const { changes, routine } = diffForwarded(received, forwarded);
    expect(changes.map((c) => c.detail)).toEqual([
      'caller number written nationally: +441632960123 → 01632960123 (same number)',
      'X-Billing added: 42',
      'codecs dropped: PCMU/8000, G722/8000 (offered PCMU/8000, PCMA/8000, G722/8000, telephone-event/8000; passed on PCMA/8000, telephone-event/8000)',
      'media address replaced: 198.51.100.7 → 192.0.2.10 (the device relays the media, or rewrites it for NAT)',
      'media port 30000 → 40000',
    ]);
    expect(routine.sort()).toEqual(['Call-ID', 'Content-Length', 'Via']);
  });

  it('tells a rewritten number from the same number written another way', () => {
    const received = invite({ from: '441632960123', ruri: '201', via: 'a', body: sdp('192.0.2.1', 1000, '8') });
    const forwarded = invite({ from: '447700900555', ruri: '201', via: 'b', body: sdp('192.0.2.1', 1000, '8') });
    expect(diffForwarded(received, forwarded).changes.map((c) => [c.kind, c.detail])).toEqual([
      ['number', 'caller number replaced: 441632960123 → 447700900555'],
    ]);
  });

  it('reports a failure passed back as another status, and ignores the dialog headers of responses', () => {
    const response = (status: string, to: string, extra: string[] = []) =>
      parse(
        [
          `SIP/2.0 ${status}`,
          'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1',
          'From: <sip:a@192.0.2.1>;tag=a',
          `To: <sip:${to}@192.0.2.2>;tag=b`,
          'Call-ID: x',
          'CSeq: 1 INVITE',
          ...extra,
          '',
          '',
        ].join('\n'),
      );
    const { changes } = diffForwarded(
      response('403 Forbidden', '201', ['Warning: 399 cs-c "barred"']),
      response('480 Temporarily Unavailable', '01632960999'),
    );
    expect(changes.map((c) => c.detail)).toEqual([
      '403 Forbidden passed back as 480 Temporarily Unavailable',
      'Warning removed',
    ]);
  });
});
