import { encodeHep3, firebrickCallCopy, isoMicros } from '@sipflow/ingest';
import type { DeviceEntry } from '@sipflow/sip';

/** One datagram for the running collector: a FireBrick syslog message or a HEP v3 packet. */
export interface DemoDatagram {
  path: 'syslog' | 'hep';
  bytes: Buffer;
}

/**
 * Devices of the demo beyond the seed call's (samples/seed-call/devices.json): a Kamailio edge
 * proxy that reports over HEP (capture id 3001) and the customer PBX behind it.
 */
export const DEMO_EXTRA_DEVICES: DeviceEntry[] = [
  { id: 'edge-proxy', name: 'Edge proxy (Kamailio)', addresses: ['192.0.2.60'], captureIds: [3001] },
  { id: 'acme-pbx', name: 'Acme Ltd PBX', addresses: ['203.0.113.99'], groups: ['acme'] },
];

const crlf = (lines: string[], body = '') =>
  `${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/**
 * A desk phone whose REGISTER is refused by call server C, as cs-c logs it over syslog: REGISTER,
 * 401 with a digest challenge, REGISTER with credentials, 403 Forbidden with a Warning (RFC 3261
 * §20.43) — the daily support case "403 — but why?". Ends at `endAtUs`.
 */
export function refusedRegistration(k: number, endAtUs: number): DemoDatagram[] {
  const callId = `reg-${k}-7f3a9c@203.0.113.45`;
  const nonce = `6f1e${k.toString(16).padStart(4, '0')}a8c21b7d`;
  const from = `From: <sip:201@pbx.example.net>;tag=ph${k}x1`;
  const to = 'To: <sip:201@pbx.example.net>';
  const via = (branch: string) =>
    `Via: SIP/2.0/UDP 203.0.113.45:5060;branch=z9hG4bK-reg${k}${branch};rport=5060;received=203.0.113.45`;
  const common = [`Call-ID: ${callId}`, 'Max-Forwards: 70', 'User-Agent: Yealink SIP-T46U 108.86.0.45'];
  const register = (seq: number, extra: string[]) =>
    crlf([
      'REGISTER sip:pbx.example.net SIP/2.0',
      via(String(seq)),
      from,
      to,
      ...common,
      `CSeq: ${seq} REGISTER`,
      'Contact: <sip:201@203.0.113.45:5060>',
      'Expires: 3600',
      ...extra,
    ]);
  const response = (seq: number, status: string, extra: string[]) =>
    crlf([
      `SIP/2.0 ${status}`,
      via(String(seq)),
      from,
      `${to};tag=csc${k}r${seq}`,
      `Call-ID: ${callId}`,
      `CSeq: ${seq} REGISTER`,
      'Server: FireBrick/6000 V1.62.012',
      ...extra,
    ]);
  const messages: Array<[number, 'Rx' | 'Tx', string]> = [
    [0, 'Rx', register(1, [])],
    [
      1_200,
      'Tx',
      response(1, '401 Unauthorized', [
        `WWW-Authenticate: Digest realm="pbx.example.net", nonce="${nonce}", algorithm=MD5, qop="auth"`,
      ]),
    ],
    [
      48_000,
      'Rx',
      register(2, [
        `Authorization: Digest username="201", realm="pbx.example.net", nonce="${nonce}", uri="sip:pbx.example.net", response="0b1c6f1d0a6a3d5e3f2c4b8e9d7a6c51", algorithm=MD5, qop=auth, nc=00000001, cnonce="a1b2c3d4"`,
      ]),
    ],
    [
      49_500,
      'Tx',
      response(2, '403 Forbidden', [
        'Warning: 399 pbx.example.net "Registration from an address not allowed for this extension"',
      ]),
    ],
  ];
  const startUs = endAtUs - messages[messages.length - 1]![0];
  return messages.map(([offsetUs, dir, sip]) => {
    const len = Buffer.byteLength(sip);
    const record = dir === 'Rx' ? `VoIP Rx 7${k % 10}>` : `VoIP Tx 7${k % 10}> Try 0 ${len}`;
    const syslog = `<134>1 ${isoMicros(startUs + offsetUs)} cs-c voip-udp-rx - - - ${record}\n${sip}`;
    return { path: 'syslog', bytes: Buffer.from(syslog, 'latin1') };
  });
}

/**
 * A call from the carrier to Acme's PBX through the Kamailio edge proxy, captured by the proxy over
 * HEP v3: INVITE, 100, the proxy forwards it (same Call-ID, a second Via: RFC 3261 §16.6), the PBX
 * answers 486 Busy Here, the proxy ACKs it hop-by-hop and relays the 486, the carrier ACKs.
 */
export function busyCallViaHep(k: number, endAtUs: number): DemoDatagram[] {
  const callId = `b7e1${k}-44c2@198.51.100.10`;
  const caller = `4416329601${String(40 + (k % 50)).padStart(2, '0')}`;
  const sbc = '198.51.100.10';
  const edge = '192.0.2.60';
  const pbx = '203.0.113.99';
  const via1 = `Via: SIP/2.0/UDP ${sbc}:5060;branch=z9hG4bK-sb${k}`;
  const via2 = `Via: SIP/2.0/UDP ${edge}:5060;branch=z9hG4bK-ep${k}`;
  const from = `From: <sip:+${caller}@${sbc}>;tag=sb${k}f`;
  const to = 'To: <sip:+441632960555@acme.example.net>';
  const toTag = `${to};tag=pbx${k}t`;
  const sdp = [
    'v=0',
    `o=- ${1000 + k} 1 IN IP4 ${sbc}`,
    's=-',
    `c=IN IP4 ${sbc}`,
    't=0 0',
    'm=audio 31000 RTP/AVP 8 0 101',
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
  const invite = (vias: string[], uri: string) =>
    crlf(
      [
        `INVITE ${uri} SIP/2.0`,
        ...vias,
        'Max-Forwards: 69',
        from,
        to,
        `Call-ID: ${callId}`,
        'CSeq: 1 INVITE',
        `Contact: <sip:+${caller}@${sbc}:5060>`,
        'Content-Type: application/sdp',
      ],
      sdp,
    );
  const response = (vias: string[], status: string, tag = toTag) =>
    crlf([`SIP/2.0 ${status}`, ...vias, from, tag, `Call-ID: ${callId}`, 'CSeq: 1 INVITE']);
  const ack = (vias: string[], uri: string) =>
    crlf([`ACK ${uri} SIP/2.0`, ...vias, 'Max-Forwards: 70', from, toTag, `Call-ID: ${callId}`, 'CSeq: 1 ACK']);
  const uri = 'sip:+441632960555@acme.example.net';
  const pbxUri = `sip:+441632960555@${pbx}:5060`;
  const flow: Array<[number, string, string, string]> = [
    [0, sbc, edge, invite([via1], uri)],
    [400, edge, sbc, response([via1], '100 Trying', to)],
    [900, edge, pbx, invite([via2, via1], pbxUri)],
    [61_000, pbx, edge, response([via2, via1], '486 Busy Here')],
    [61_300, edge, pbx, ack([via2], pbxUri)],
    [61_500, edge, sbc, response([via1], '486 Busy Here')],
    [72_000, sbc, edge, ack([via1], uri)],
  ];
  const startUs = endAtUs - flow[flow.length - 1]![0];
  return flow.map(([offsetUs, src, dst, sip]) => ({
    path: 'hep',
    bytes: encodeHep3(Buffer.from(sip, 'latin1'), {
      src,
      dst,
      srcPort: 5060,
      dstPort: 5060,
      timeUs: startUs + offsetUs,
      captureId: 3001,
    }),
  }));
}

/**
 * Round `k` of demo traffic, ending at `endAtUs`: a copy of the seed call, and on every other
 * round a refused registration and a busy call through the HEP-reporting edge proxy, so the
 * dashboards see more than one outcome.
 */
export function demoRound(seed: readonly string[], k: number, endAtUs: number): DemoDatagram[] {
  const out: DemoDatagram[] = firebrickCallCopy(seed, k, endAtUs).map((bytes) => ({ path: 'syslog', bytes }));
  if (k % 2 === 0) {
    out.push(...refusedRegistration(k, endAtUs - 5_000_000));
    out.push(...busyCallViaHep(k, endAtUs - 2_000_000));
  }
  return out;
}
