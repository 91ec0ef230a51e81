import type { Finding } from '../model/finding';
import type { MessageFacts } from '../observe/message-facts';
import { towards, type LegFindingRule } from './finding-context';

const unquote = (v: string | undefined) => v?.replace(/^"|"$/g, '');

/**
 * Digest credentials must answer the challenge they respond to (RFC 3261 §22.4, RFC 2617 §3.2.2):
 * same realm and nonce, an algorithm and qop the challenge offered, and a digest-uri equal to the
 * Request-URI. Any difference makes the server refuse credentials that are otherwise right.
 */
export function compareDigest(
  challenge: Record<string, string>,
  credentials: Record<string, string>,
  requestUri?: string,
): string[] {
  const problems: string[] = [];
  const c = (k: string) => unquote(challenge[k]);
  const r = (k: string) => unquote(credentials[k]);
  if (c('realm') !== undefined && r('realm') !== c('realm'))
    problems.push(`realm "${r('realm') ?? ''}" ≠ challenged "${c('realm')}"`);
  if (c('nonce') !== undefined && r('nonce') !== c('nonce'))
    problems.push(`nonce "${r('nonce') ?? ''}" ≠ challenged "${c('nonce')}"`);
  const algorithm = (c('algorithm') ?? 'MD5').toUpperCase();
  if ((r('algorithm') ?? 'MD5').toUpperCase() !== algorithm)
    problems.push(`algorithm ${r('algorithm')} ≠ challenged ${algorithm}`);
  // RFC 2617 §3.2.2: qop is optional for RFC 2069 compatibility; if present it must be one offered.
  const offered = (c('qop') ?? '')
    .split(',')
    .map((q) => q.trim().toLowerCase())
    .filter(Boolean);
  const qop = r('qop')?.toLowerCase();
  if (qop && !offered.includes(qop)) {
    problems.push(
      offered.length
        ? `qop ${qop} not among offered ${offered.join(', ')}`
        : `qop ${qop} although the challenge offered none`,
    );
  }
  const uri = r('uri');
  if (requestUri && uri && uri !== requestUri) problems.push(`uri "${uri}" ≠ Request-URI "${requestUri}"`);
  return problems;
}

/** The latest challenge for `realm` seen on the leg before `request`. */
function challengeFor(
  facts: MessageFacts[],
  request: MessageFacts,
  realm: string | undefined,
): { fact: MessageFacts; params: Record<string, string> } | undefined {
  let found: { fact: MessageFacts; params: Record<string, string> } | undefined;
  for (const f of facts) {
    if (f.time > request.time) break;
    for (const params of f.auth?.challenges ?? []) {
      if (unquote(params.realm) === realm) found = { fact: f, params };
    }
  }
  return found;
}

export const digestMismatch: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const challenged = leg.facts.some((f) => f.auth?.challenges);
  if (!challenged) return findings;
  for (const request of leg.facts) {
    // ACK and CANCEL cannot be challenged (RFC 3261 §22.1); they only repeat the INVITE's credentials.
    if (!request.isRequest || request.method === 'ACK' || request.method === 'CANCEL') continue;
    if (!request.auth?.credentials || seen.has(request.fingerprint)) continue;
    seen.add(request.fingerprint);
    for (const credentials of request.auth.credentials) {
      const realm = unquote(credentials.realm);
      const challenge = challengeFor(leg.facts, request, realm);
      let problems: string[];
      if (challenge) problems = compareDigest(challenge.params, credentials, request.auth.requestUri);
      else {
        // Credentials for a realm nobody on this leg challenged: pre-emptive, or for the wrong realm.
        const realms = [
          ...new Set(
            leg.facts
              .filter((f) => f.time <= request.time)
              .flatMap((f) => (f.auth?.challenges ?? []).map((c) => unquote(c.realm))),
          ),
        ];
        if (realms.length === 0) continue;
        problems = [
          `credentials for realm "${realm}" but the challenges named ${realms.map((r) => `"${r}"`).join(', ')}`,
        ];
      }
      if (!problems.length) continue;
      findings.push({
        code: 'digest-mismatch',
        severity: 'error',
        title: `${request.method} credentials for realm "${realm}" do not match the challenge on ${towards(leg)}`,
        explanation:
          `The ${request.method} answers the challenge with values that differ from it: ${problems.join('; ')}. ` +
          "The server will refuse the credentials even if the password is right: check the client's digest implementation, " +
          'a proxy or ALG rewriting the Request-URI, or a stale nonce reused after the server changed it.',
        legId: leg.summary.id,
        recordIds: [...(challenge ? [challenge.fact.recordId] : []), request.recordId],
      });
    }
  }
  return findings;
};

export const authenticationFailures: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  const challenges = leg.facts.filter((f) => !f.isRequest && (f.status === 401 || f.status === 407));
  // One challenge per transaction counts (retransmitted and twice-observed 401s are one).
  const distinctChallenges = new Set(challenges.map((c) => c.fingerprint));
  const succeeded = leg.transactions.some(
    (t) => t.outOfDialog && (t.finalStatus ?? 0) >= 200 && (t.finalStatus ?? 0) < 300,
  );
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
    if (tx.finalStatus !== 403) {
      // A challenge for another realm (a proxy further on) or a stale nonce (RFC 2617 §3.2.1) is a
      // normal next step; the same realm challenged again means the credentials were refused.
      const answered = new Set((withCredentials.auth?.credentials ?? []).map((c) => unquote(c.realm)));
      const again = (final.auth?.challenges ?? []).filter((c) => answered.has(unquote(c.realm)));
      if (again.length === 0 || again.every((c) => unquote(c.stale)?.toLowerCase() === 'true')) continue;
    }
    findings.push({
      code: 'auth-failed',
      severity: 'error',
      title: `${tx.finalStatus} ${tx.finalReason ?? ''} to ${tx.method} with credentials on ${towards(leg)}`.replace(
        /\s+/g,
        ' ',
      ),
      explanation:
        tx.finalStatus === 403
          ? `${leg.summary.uas.name} understood the credentials and refuses them: the account is barred, not allowed from this address, or not allowed this ${tx.method}. ` +
            ((final.warnings ?? []).length
              ? `It said: ${final.warnings!.join('; ')}.`
              : "Look for a Warning or Reason header, and in the server's own log.")
          : `${leg.summary.uas.name} challenged again after receiving credentials: the password is wrong, or the username or realm is not the one it expects.`,
      legId: leg.summary.id,
      recordIds: [withCredentials.recordId, final.recordId],
    });
  }
  return findings;
};
