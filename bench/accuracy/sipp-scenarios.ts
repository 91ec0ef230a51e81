/**
 * SIPp scenarios for the grouping-accuracy generator. Every INVITE a UAC sends carries
 * `X-Test-Call: <scenario>-<call number>`: the ground truth travels with the traffic (Kamailio
 * forwards unknown headers), and the correlator does not read it as evidence. Callers and dialled
 * numbers are the same for every call of a scenario and calls overlap: the hard case for B2BUA
 * inference, which joins legs by behaviour, not by identifiers. SDP origins are unique per call, as
 * RFC 4566 §5.2 asks of a session id.
 */

export const CALLER = '01632960001';

const header = (name: string) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="${name}">`;

const invite = (scenario: string, cseq: number, branch: string, extra = '') => `
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${branch}
      From: "Caller" <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: ${cseq} INVITE
      Contact: <sip:${CALLER}@[local_ip]:[local_port]>
      Max-Forwards: 70
      X-Test-Call: ${scenario}-[call_number]
${extra}      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=caller [pid][call_number] ${cseq} IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
    ]]>
  </send>`;

/** ACK of a non-2xx final response: same branch as the INVITE (RFC 3261 §17.1.1.3). */
const ackNon2xx = (branch: string, cseq: number) => `
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${branch}
      From: "Caller" <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: ${cseq} ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`;

/** ACK of a 2xx and BYE: new transactions inside the dialog, along the route set. */
const ack2xxAndBye = (cseq: number) => `
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      [routes]
      Call-ID: [call_id]
      CSeq: ${cseq} ACK
      Contact: <sip:${CALLER}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <pause milliseconds="800"/>
  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      [routes]
      Call-ID: [call_id]
      CSeq: ${cseq + 1} BYE
      Contact: <sip:${CALLER}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" crlf="true"/>`;

const BRANCH = 'z9hG4bK-[pid]-[call_number]';

/** A call that is answered (basic, fork, topology hiding): INVITE, 100/180, 200, ACK, BYE. */
export function uacAnswered(scenario: string): string {
  return `${header(`uac-${scenario}`)}${invite(scenario, 1, `${BRANCH}-1`)}
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true" rtd="true"/>${ack2xxAndBye(1)}
</scenario>
`;
}

/** A call refused by the callee: INVITE, 100, 486, ACK. */
export function uacBusy(scenario: string): string {
  return `${header(`uac-${scenario}`)}${invite(scenario, 1, `${BRANCH}-1`)}
  <recv response="100" optional="true"/>
  <recv response="486"/>${ackNon2xx(`${BRANCH}-1`, 1)}
</scenario>
`;
}

/** The caller gives up while it rings: INVITE, 100, 180, CANCEL, 200 (CANCEL), 487, ACK. */
export function uacCancelled(scenario: string): string {
  return `${header(`uac-${scenario}`)}${invite(scenario, 1, `${BRANCH}-1`)}
  <recv response="100" optional="true"/>
  <recv response="180"/>
  <pause milliseconds="300"/>
  <send retrans="500">
    <![CDATA[
      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${BRANCH}-1
      From: "Caller" <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 CANCEL
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>
  <recv response="487"/>${ackNon2xx(`${BRANCH}-1`, 1)}
</scenario>
`;
}

/** Digest authentication by the proxy (RFC 3261 §22.3): INVITE, 407, ACK, INVITE with credentials, answered. */
export function uacAuthenticated(scenario: string): string {
  return `${header(`uac-${scenario}`)}${invite(scenario, 1, `${BRANCH}-1`)}
  <recv response="100" optional="true"/>
  <recv response="407" auth="true"/>${ackNon2xx(`${BRANCH}-1`, 1)}${invite(
    scenario,
    2,
    `${BRANCH}-2`,
    '      [authentication username=alice password=secret]\n',
  )}
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true" rtd="true"/>${ack2xxAndBye(2)}
</scenario>
`;
}

const UAS_TAG = ';tag=[pid]SIPpTag01[call_number]';

interface ReplyOptions {
  /** Add the UAS's To tag (every response but the 200 to a BYE, whose To carries it already). */
  tag?: boolean;
  /** Echo the Record-Route the proxy added (RFC 3261 §12.1.1), on responses that set up the dialog. */
  recordRoute?: boolean;
  contact?: boolean;
  /** CSeq line: the request's own by default. */
  cseq?: string;
  /** An SDP answer (and retransmission until ACKed). */
  sdp?: boolean;
}

/** A response built from the last request received (SIPp's [last_*] keywords). */
function reply(status: string, o: ReplyOptions = {}): string {
  const { tag = true, recordRoute = false, contact = false, cseq = '[last_CSeq:]', sdp = false } = o;
  const lines = [
    `SIP/2.0 ${status}`,
    '[last_Via:]',
    '[last_From:]',
    `[last_To:]${tag ? UAS_TAG : ''}`,
    ...(recordRoute ? ['[last_Record-Route:]'] : []),
    '[last_Call-ID:]',
    cseq,
    ...(contact ? ['Contact: <sip:[local_ip]:[local_port];transport=[transport]>'] : []),
    ...(sdp
      ? [
          'Content-Type: application/sdp',
          'Content-Length: [len]',
          '',
          'v=0',
          'o=callee [pid][call_number] 1 IN IP[local_ip_type] [local_ip]',
          's=-',
          'c=IN IP[media_ip_type] [media_ip]',
          't=0 0',
          'm=audio [media_port] RTP/AVP 0',
          'a=rtpmap:0 PCMU/8000',
        ]
      : ['Content-Length: 0']),
  ];
  return `
  <send${sdp ? ' retrans="500"' : ''}>
    <![CDATA[
${lines.map((l) => (l ? `      ${l}` : '')).join('\n')}
    ]]>
  </send>`;
}

/** Answers after ringing, then waits for the BYE. */
export function uasAnswer(ringMs: number): string {
  return `${header('uas-answer')}
  <recv request="INVITE" crlf="true"/>${reply('180 Ringing', { recordRoute: true, contact: true })}
  <pause milliseconds="${ringMs}"/>${reply('200 OK', { recordRoute: true, contact: true, sdp: true })}
  <recv request="ACK" crlf="true"/>
  <recv request="BYE"/>${reply('200 OK', { tag: false })}
</scenario>
`;
}

/** Busy: 486 at once (RFC 3261 §21.4.24), then the ACK. */
export function uasBusy(): string {
  return `${header('uas-busy')}
  <recv request="INVITE" crlf="true"/>${reply('486 Busy Here')}
  <recv request="ACK"/>
</scenario>
`;
}

/** Rings until cancelled: 200 to the CANCEL, 487 to the INVITE (RFC 3261 §9.2), then the ACK. */
export function uasRingUntilCancelled(): string {
  return `${header('uas-cancelled')}
  <recv request="INVITE" crlf="true"/>${reply('180 Ringing', { contact: true })}
  <recv request="CANCEL"/>${reply('200 OK')}${reply('487 Request Terminated', { cseq: 'CSeq: [last_cseq_number] INVITE' })}
  <recv request="ACK"/>
</scenario>
`;
}
