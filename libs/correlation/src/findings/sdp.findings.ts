import type { Finding } from '../model/finding';
import { towards, type LegFindingRule } from './finding-context';

/** RFC 1918, RFC 6598 (carrier-grade NAT), link-local and unique-local IPv6: not reachable from outside. */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  const lower = address.toLowerCase();
  return lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}

export const sdpAddresses: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const f of leg.facts) {
    for (const address of f.sdpAddresses ?? []) {
      const key = `${f.fingerprint}|${address}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const senderAddress = f.src.address;
      if (address === '0.0.0.0' || address === '::') {
        findings.push({
          code: 'sdp-null-address',
          severity: 'info',
          title: `SDP with ${address} from ${f.src.name}`,
          explanation:
            `${f.src.name} sent SDP with connection address ${address}: an old way (RFC 2543) to put the call on hold, ` +
            'or a device that does not know its media address yet. If audio is missing afterwards, this is why.',
          legId: leg.summary.id,
          recordIds: [f.recordId],
        });
      } else if (isPrivateAddress(address) && (!senderAddress || !isPrivateAddress(senderAddress))) {
        findings.push({
          code: 'sdp-private-address',
          severity: 'warning',
          title: `Private media address ${address} in SDP from ${f.src.name} on ${towards(leg)}`,
          explanation:
            `${f.src.name} asks for audio at ${address}, a private address the other side cannot reach: expect one-way or no audio ` +
            'unless a device on the path rewrites the SDP. Typical causes: a phone behind NAT without STUN, or a SIP ALG doing half the job.',
          legId: leg.summary.id,
          recordIds: [f.recordId],
        });
      }
    }
  }
  return findings;
};

/**
 * Protocol problems the parser flagged, one finding per sender and problem: a phone that writes
 * every message the same wrong way is one problem, pointing at all the messages concerned (the same
 * message logged by two devices counts once).
 */
export const semanticIssues: LegFindingRule = (leg) => {
  const groups = new Map<string, { sender: string; issue: string; recordIds: string[]; fingerprints: Set<string> }>();
  for (const f of leg.facts) {
    for (const issue of f.issues ?? []) {
      const key = `${f.src.name}|${issue}`;
      let group = groups.get(key);
      if (!group) {
        group = { sender: f.src.name, issue, recordIds: [], fingerprints: new Set() };
        groups.set(key, group);
      }
      if (group.fingerprints.has(f.fingerprint)) continue;
      group.fingerprints.add(f.fingerprint);
      group.recordIds.push(f.recordId);
    }
  }
  return [...groups.values()].map((g): Finding => ({
    code: 'semantic-issue',
    severity: 'warning',
    title:
      g.recordIds.length === 1
        ? `Protocol problem in a message from ${g.sender}`
        : `Protocol problem in ${g.recordIds.length} messages from ${g.sender}`,
    explanation: g.issue,
    legId: leg.summary.id,
    recordIds: g.recordIds,
  }));
};
