import type { Endpoint, Transport } from '@sipflow/sip';
import { headerValue, type HeaderBlock } from '../sip-stream/sip-header-lookup';
import { endpoint, parseTopVia, uriHostPort } from '../sip-stream/sip-address.lookup';
import type { FireBrickHeader } from './firebrick-header.parser';

/** Where the peer address came from; recorded so the first real logs show which rule holds. */
export type PeerSource = 'header' | 'via-received' | 'via-sent-by' | 'route' | 'request-uri' | 'branch' | 'none';

export interface DerivedPeer {
  peer?: Endpoint;
  source: PeerSource;
  transport: Transport;
}

/**
 * FIREBRICK.md "Deriving the peer when the header lacks it":
 * - Rx request, Tx response: top Via `received`:`rport` (sent-by host/port where they are absent);
 * - Tx request: the top Route, else the Request-URI host:port;
 * - Rx response: the peer of the Tx request with the same top-Via branch (remembered here, bounded).
 */
export class FireBrickPeerDeriver {
  private readonly branches = new Map<string, Endpoint>();

  constructor(private readonly maxBranches = 16_384) {}

  derive(deviceKey: string, header: FireBrickHeader, block: HeaderBlock): DerivedPeer {
    const isRequest = !block.startLine.toUpperCase().startsWith('SIP/');
    const via = parseTopVia(headerValue(block.lines, 'via') ?? '');
    const transport = via?.transport ?? 'unknown';
    const branch = via?.params.get('branch');
    let peer: Endpoint | undefined = header.peer;
    let source: PeerSource = peer ? 'header' : 'none';

    if (!peer && via && ((header.direction === 'rx' && isRequest) || (header.direction === 'tx' && !isRequest))) {
      const received = via.params.get('received');
      const rport = Number(via.params.get('rport') || Number.NaN);
      peer = endpoint(received || via.host, Number.isInteger(rport) ? rport : (via.port ?? 5060));
      if (peer) source = received ? 'via-received' : 'via-sent-by';
    } else if (!peer && header.direction === 'tx' && isRequest) {
      const route = headerValue(block.lines, 'route');
      const target = (route && uriHostPort(route)) || uriHostPort(block.startLine.split(' ')[1] ?? '');
      peer = target ? endpoint(target.host, target.port) : undefined;
      if (peer) source = route && uriHostPort(route) ? 'route' : 'request-uri';
    } else if (!peer && header.direction === 'rx' && !isRequest && branch) {
      peer = this.branches.get(`${deviceKey}\u0000${branch}`);
      if (peer) source = 'branch';
    }

    if (header.direction === 'tx' && isRequest && branch && peer) this.remember(`${deviceKey}\u0000${branch}`, peer);
    return { peer, source, transport };
  }

  private remember(key: string, peer: Endpoint): void {
    this.branches.delete(key);
    this.branches.set(key, peer);
    if (this.branches.size > this.maxBranches) {
      const oldest = this.branches.keys().next().value;
      if (oldest !== undefined) this.branches.delete(oldest);
    }
  }
}
