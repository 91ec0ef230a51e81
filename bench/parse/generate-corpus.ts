/**
 * A deterministic corpus of realistic SIP traffic for the parser benchmark: calls (INVITE with SDP,
 * 407 challenge, 100/180/183/200, ACK, BYE), cancelled and failed calls (CANCEL/487, 486, 404, 480,
 * 503), registrations (REGISTER, 401 with WWW-Authenticate, REGISTER with Authorization, 200) and
 * OPTIONS keep-alives, as a FireBrick or SBC would log them. About one message in eight uses
 * compact header names. Written as [u32 length][bytes] records.
 */

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Leg {
  callId: string;
  fromTag: string;
  toTag: string;
  caller: string;
  callee: string;
  ua: string;
  uaPort: number;
  proxy: string;
  branch: string;
  cseq: number;
}

const COMPACT: Record<string, string> = {
  Via: 'v',
  From: 'f',
  To: 't',
  'Call-ID': 'i',
  Contact: 'm',
  'Content-Type': 'c',
  'Content-Length': 'l',
  Supported: 'k',
};

export function generateCorpus(count: number, seed = 20_061_105): Buffer[] {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const number = () => `44${1000000000 + int(899999999)}`;
  const ip = () => `10.${int(255)}.${int(255)}.${1 + int(250)}`;
  const out: Buffer[] = [];

  function message(startLine: string, headers: Array<[string, string]>, body = ''): void {
    const compact = random() < 0.125;
    const lines = [startLine];
    for (const [name, value] of headers) lines.push(`${compact ? (COMPACT[name] ?? name) : name}: ${value}`);
    const bodyBytes = Buffer.from(body);
    lines.push(`${compact ? 'l' : 'Content-Length'}: ${bodyBytes.length}`);
    out.push(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), bodyBytes]));
  }

  function sdp(address: string, session: string): string {
    const codecs = random() < 0.5 ? [8, 0, 101] : [9, 8, 0, 18, 101];
    const lines = [
      'v=0',
      `o=- ${session} ${session} IN IP4 ${address}`,
      's=-',
      `c=IN IP4 ${address}`,
      't=0 0',
      `m=audio ${10000 + 2 * int(10000)} RTP/AVP ${codecs.join(' ')}`,
      ...codecs
        .filter((pt) => pt !== 101)
        .map(
          (pt) =>
            `a=rtpmap:${pt} ${({ 0: 'PCMU', 8: 'PCMA', 9: 'G722', 18: 'G729' } as Record<number, string>)[pt]}/8000`,
        ),
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      'a=sendrecv',
    ];
    return `${lines.join('\r\n')}\r\n`;
  }

  function common(leg: Leg, method: string, toTag: boolean): Array<[string, string]> {
    return [
      ['Via', `SIP/2.0/UDP ${leg.ua}:${leg.uaPort};branch=z9hG4bK${leg.branch};rport`],
      ['Max-Forwards', '70'],
      ['From', `"${leg.caller}" <sip:${leg.caller}@${leg.proxy}>;tag=${leg.fromTag}`],
      ['To', `<sip:${leg.callee}@${leg.proxy}>${toTag ? `;tag=${leg.toTag}` : ''}`],
      ['Call-ID', leg.callId],
      ['CSeq', `${leg.cseq} ${method}`],
    ];
  }

  function response(
    leg: Leg,
    method: string,
    code: number,
    reason: string,
    extra: Array<[string, string]> = [],
    body = '',
  ): void {
    const headers = common(leg, method, code > 100).filter(([name]) => name !== 'Max-Forwards');
    headers[0]![1] += `;received=${leg.ua}`;
    message(`SIP/2.0 ${code} ${reason}`, [...headers, ...extra], body);
  }

  function request(leg: Leg, method: string, toTag: boolean, extra: Array<[string, string]> = [], body = ''): void {
    leg.branch = hex(16);
    message(`${method} sip:${leg.callee}@${leg.proxy} SIP/2.0`, [...common(leg, method, toTag), ...extra], body);
  }

  function digest(leg: Leg, method: string, nonce: string): string {
    return `Digest username="${leg.caller}", realm="${leg.proxy}", nonce="${nonce}", uri="sip:${leg.callee}@${leg.proxy}", response="${hex(32)}", algorithm=MD5, cnonce="${hex(8)}", qop=auth, nc=00000001`;
  }

  while (out.length < count) {
    const leg: Leg = {
      callId: `${hex(24)}@${ip()}`,
      fromTag: hex(8),
      toTag: hex(10),
      caller: number(),
      callee: number(),
      ua: ip(),
      uaPort: 5060,
      proxy: `voice${int(4)}.isp.example.net`,
      branch: hex(16),
      cseq: 1 + int(100),
    };
    const contact: [string, string] = ['Contact', `<sip:${leg.caller}@${leg.ua}:5060;transport=udp>`];
    const agent: [string, string] = ['User-Agent', `FireBrick FB2900 ${1 + int(3)}.${int(20)}.${int(10)}`];
    const kind = random();
    if (kind < 0.55) {
      // A call: INVITE, 407, ACK, INVITE with credentials, 100, 180/183, then an outcome.
      const offer = sdp(leg.ua, String(int(1e9)));
      const inviteHeaders: Array<[string, string]> = [
        contact,
        agent,
        ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK'],
        ['Supported', 'replaces, timer, 100rel'],
        ['Content-Type', 'application/sdp'],
      ];
      if (random() < 0.5) {
        request(leg, 'INVITE', false, inviteHeaders, offer);
        const nonce = hex(32);
        response(leg, 'INVITE', 407, 'Proxy Authentication Required', [
          ['Proxy-Authenticate', `Digest realm="${leg.proxy}", nonce="${nonce}", qop="auth", algorithm=MD5`],
        ]);
        message(`ACK sip:${leg.callee}@${leg.proxy} SIP/2.0`, [...common(leg, 'ACK', true)]);
        leg.cseq++;
        request(leg, 'INVITE', false, [...inviteHeaders, ['Proxy-Authorization', digest(leg, 'INVITE', nonce)]], offer);
      } else {
        request(leg, 'INVITE', false, inviteHeaders, offer);
      }
      response(leg, 'INVITE', 100, 'Trying');
      if (random() < 0.3)
        response(
          leg,
          'INVITE',
          183,
          'Session Progress',
          [contact, ['Content-Type', 'application/sdp']],
          sdp(ip(), String(int(1e9))),
        );
      else response(leg, 'INVITE', 180, 'Ringing', [contact]);
      const outcome = random();
      if (outcome < 0.6) {
        response(leg, 'INVITE', 200, 'OK', [contact, ['Content-Type', 'application/sdp']], sdp(ip(), String(int(1e9))));
        message(`ACK sip:${leg.callee}@${leg.ua}:5060 SIP/2.0`, common(leg, 'ACK', true));
        leg.cseq++;
        request(leg, 'BYE', true, [agent]);
        response(leg, 'BYE', 200, 'OK');
      } else if (outcome < 0.75) {
        message(`CANCEL sip:${leg.callee}@${leg.proxy} SIP/2.0`, common(leg, 'CANCEL', false));
        response(leg, 'CANCEL', 200, 'OK');
        response(leg, 'INVITE', 487, 'Request Terminated');
        message(`ACK sip:${leg.callee}@${leg.proxy} SIP/2.0`, common(leg, 'ACK', true));
      } else {
        const [code, reason] = [
          [486, 'Busy Here'],
          [404, 'Not Found'],
          [480, 'Temporarily Unavailable'],
          [503, 'Service Unavailable'],
        ][int(4)] as [number, string];
        response(
          leg,
          'INVITE',
          code,
          reason,
          code === 503 ? [['Reason', 'Q.850;cause=34;text="No circuit available"']] : [],
        );
        message(`ACK sip:${leg.callee}@${leg.proxy} SIP/2.0`, common(leg, 'ACK', true));
      }
    } else if (kind < 0.85) {
      // A registration with a digest challenge.
      leg.callee = leg.caller;
      const register: Array<[string, string]> = [
        contact,
        agent,
        ['Expires', '3600'],
        ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
      ];
      request(leg, 'REGISTER', false, register);
      const nonce = hex(32);
      response(leg, 'REGISTER', 401, 'Unauthorized', [
        ['WWW-Authenticate', `Digest realm="${leg.proxy}", nonce="${nonce}", algorithm=MD5, qop="auth"`],
      ]);
      leg.cseq++;
      request(leg, 'REGISTER', false, [...register, ['Authorization', digest(leg, 'REGISTER', nonce)]]);
      response(leg, 'REGISTER', 200, 'OK', [
        [contact[0], `${contact[1]};expires=3600`],
        ['Date', 'Tue, 24 Nov 2026 15:00:00 GMT'],
      ]);
    } else {
      request(leg, 'OPTIONS', false, [agent, ['Accept', 'application/sdp']]);
      response(leg, 'OPTIONS', 200, 'OK', [
        ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
        ['Accept', 'application/sdp'],
      ]);
    }
  }
  return out.slice(0, count);
}

/** [u32 BE length][bytes] records. */
export function encodeCorpus(messages: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of messages) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(m.length);
    parts.push(len, m);
  }
  return Buffer.concat(parts);
}

export function decodeCorpus(file: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < file.length;) {
    const len = file.readUInt32BE(at);
    out.push(file.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}
