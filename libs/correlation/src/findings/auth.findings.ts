import type { Finding } from '../model/finding';
import type { MessageFacts } from '../observe/message-facts';
import { towards, type LegFindingRule } from './finding-context';

const unquote = (v: string | undefined) => v?.replace(/^"|"$/g, '');

/**
 * Digest credentials must answer the challenge they respond to (RFC 3261 §22.4, RFC 2617 §3.2.2):
 * same realm and nonce, an algorithm and qop the challenge offered, and a digest-uri equal to the
 * Request-URI. Any difference makes the server refuse credentials that are otherwise right.
 */
export function compareDigest(challenge: Record<string, string>, credentials: Record<string, string>, requestUri?: string): string[] {
  const problems: string[] = [];
  const c = (k: string) => unquote(challenge[k]);
  const r = (k: string) => unquote(credentials[k]);
  if (c('realm') !== undefined && r('realm') !== c('realm')) problems.push(`realm "${r('realm') ?? ''}" ≠ challenged "${c('realm')}"`);
  if (c('nonce') !== undefined && r('nonce') !== c('nonce')) problems.push(`nonce "${r('nonce') ?? ''}" ≠ challenged "${c('nonce')}"`);
  const algorithm = (c('algorithm') ?? 'MD5').toUpperCase();
  if ((r('algorithm') ?? 'MD5').toUpperCase() !== algorithm) problems.push(`algorithm ${r('algorithm')} ≠ challenged ${algorithm}`);
  const offered = (c('qop') ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean);
  const qop = r('qop')?.toLowerCase();
  if (offered.length && (!qop || !offered.includes(qop))) problems.push(`qop ${qop ?? '(none)'} not among offered ${offered.join(', ')}`);
  if (!offered.length && qop) problems.push(`qop ${qop} although the challenge offered none`);
  const uri = r('uri');
  if (requestUri && uri && uri !== requestUri) problems.push(`uri "${uri}" ≠ Request-URI "${requestUri}"`);
  return problems;
}

function challengeBefore(facts: MessageFacts[], request: MessageFacts): MessageFacts | undefined {
  let found: MessageFacts | undefined;
  for (const f of facts) {
    if (f.time > request.time) break;
    if (f.auth?.challenge) found = f;
  }
  return found;
}

export const digestMismatch: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const request of leg.facts) {
    const credentials = request.auth?.credentials;
    if (!request.isRequest || !credentials || seen.has(request.fingerprint)) continue;
    seen.add(request.fingerprint);
    const challenge = challengeBefore(leg.facts, request);
    if (!challenge?.auth?.challenge) continue;
    const problems = compareDigest(challenge.auth.challenge, credentials, request.auth?.requestUri);
    if (!problems.length) continue;
    findings.push({
      code: 'digest-mismatch',
      severity: 'error',
      title: `${request.method} credentials do not match the ${challenge.status} challenge on ${towards(leg)}`,
      explanation:
        `The ${request.method} answers the challenge with values that differ from it: ${problems.join('; ')}. ` +
        'The server will refuse the credentials even if the password is right: check the client\'s digest implementation, ' +
        'a proxy or ALG rewriting the Request-URI, or a stale nonce reused after the server changed it.',
      legId: leg.summary.id,
      recordIds: [challenge.recordId, request.recordId],
    });
  }
  return findings;
};

export const authenticationFailures: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  const challenges = leg.facts.filter((f) => !f.isRequest && (f.status === 401 || f.status === 407));
  const distinctChallenges = new Set(challenges.map((c) => c.fingerprint));
  const succeeded = leg.transactions.some((t) => t.outOfDialog && (t.finalStatus ?? 0) >= 200 && (t.finalStatus ?? 0) < 300);
  if (distinctChallenges.size >= 3 && !succeeded) {
    findings.push({
      code: 'auth-loop',
      severity: 'error',
      title: `${distinctChallenges.size} authentication challenges without success on ${towards(leg)}`,
      explanation:
        `${leg.summary.uas.name} challenged ${distinctChallenges.size} times and never accepted the credentials: ` +
        'the username or password is wrong, the realm differs, or the client keeps answering an old nonce. ' +
        'Repeated 401s from one source can also be password guessing.',
      legId: leg.summary.id,
      recordIds: [...new Set(challenges.map((c) => c.recordId))],
    });
  }
  // A request carrying credentials that is refused again: the credentials are wrong, not missing.
  for (const tx of leg.transactions) {
    const withCredentials = tx.requests.find((r) => r.auth?.credentials);
    if (!withCredentials || tx.finalStatus === undefined) continue;
    if (tx.finalStatus !== 401 && tx.finalStatus !== 407 && tx.finalStatus !== 403) continue;
    const final = tx.responses.find((r) => r.status === tx.finalStatus)!;
    findings.push({
      code: 'auth-failed',
      severity: 'error',
      title: `${tx.finalStatus} ${tx.finalReason ?? ''} to ${tx.method} with credentials on ${towards(leg)}`.replace(/\s+/g, ' '),
      explanation:
        tx.finalStatus === 403
          ? `${leg.summary.uas.name} understood the credentials and refuses them: the account is barred, not allowed from this address, or not allowed this ${tx.method}. ` +
            ((final.warnings ?? []).length ? `It said: ${final.warnings!.join('; ')}.` : 'Look for a Warning or Reason header, and in the server\'s own log.')
          : `${leg.summary.uas.name} challenged again after receiving credentials: the password is wrong, or the username or realm is not the one it expects.`,
      legId: leg.summary.id,
      recordIds: [withCredentials.recordId, final.recordId],
    });
  }
  return findings;
};
