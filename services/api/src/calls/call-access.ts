import {
  canSeeCall,
  compileCustomers,
  normaliseNumber,
  ownsParty,
  redactionPolicyFor,
  searchConstraints,
  type NumberPlan,
  type OwnParties,
  type Principal,
  type RedactionPolicy,
} from '@sipflow/auth';
import type { CallGraph } from '@sipflow/correlation';
import type { CallSearch } from '@sipflow/store';

/**
 * What one principal may see, decided once per call from libs/auth: the constraints every search
 * is ANDed with, the visibility of one call, and how much of it is redacted.
 */
export class CallAccess {
  readonly redaction: RedactionPolicy;
  /** The customer's own parties when other parties' identities must be hidden. */
  readonly own?: OwnParties;

  constructor(
    readonly principal: Principal,
    readonly plan: NumberPlan,
  ) {
    this.redaction = redactionPolicyFor(principal, { plan });
    if (this.redaction.level === 'customer') this.own = compileCustomers(principal.scopes.customers ?? [], { plan });
  }

  /** The store's `allowed` clause: undefined when not narrowed, 'none' when nothing is visible. */
  allowed(): CallSearch['allowed'] | 'none' {
    const constraints = searchConstraints(this.principal, { plan: this.plan });
    if (constraints.kind === 'all') return undefined;
    if (constraints.kind === 'none') return 'none';
    const { devices, parties } = constraints;
    return {
      ...(parties && {
        numbers: parties.numbers,
        numberPrefixes: parties.numberPrefixes,
        domains: parties.domains,
      }),
      ...(devices && { devices: devices.deviceIds, pools: devices.pools }),
    };
  }

  canSee(call: CallGraph): boolean {
    return canSeeCall(this.principal, callFacts(call), { plan: this.plan });
  }

  canSeeFacts(facts: { numbers: string[]; hosts: string[]; devices: string[]; pools: string[] }): boolean {
    return canSeeCall(
      this.principal,
      { numbers: facts.numbers, domains: facts.hosts, devices: facts.devices, pools: facts.pools },
      { plan: this.plan },
    );
  }

  /** A party's user part as this principal may see it: other parties are hidden from customers. */
  party(user: string, host = ''): string {
    if (!this.own || !user) return user;
    return ownsParty(this.own, { user, host }, this.plan) ? user : 'redacted';
  }

  /**
   * Free text (finding explanations, link evidence, rewrite details) for a customer: any run of
   * digits long enough to be a telephone number that is not theirs is hidden.
   */
  text(value: string): string {
    const own = this.own;
    if (!own) return value;
    return value.replace(/\+?\d[\d\s-]{4,}\d/g, (match) => {
      const digits = normaliseNumber(match, this.plan);
      return digits !== undefined && ownsParty(own, { user: match, host: '' }, this.plan) ? match : 'redacted';
    });
  }
}

export function callFacts(call: CallGraph) {
  const hosts = call.legs.flatMap((leg) => [leg.from.host, leg.to.host, leg.requestUri.host]).filter(Boolean);
  return {
    numbers: call.numbers,
    domains: hosts,
    devices: call.devices.map((d) => d.id),
    pools: call.devices.flatMap((d) => (d.pool ? [d.pool] : [])),
  };
}
