import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-trail';
import type { Actor } from '../corrections/correct-calls';
import { WriteVersions } from '../rows/rows';
import { formatTimestampUs, parseTimestampUs } from '../rows/time';
import { tableName } from '../schema/table-engine';
import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';

/** A link to one call, masked for its recipient, until it expires or is revoked. */
export interface ShareLink {
  id: string;
  callId: string;
  /** text, json, pcap or svg. */
  format: string;
  recipient: 'support' | 'customer';
  customerNumbers: string[];
  author: string;
  /** Who made it, as the audit log names them: only they (or staff who correct calls) revoke it. */
  authorSubject: string;
  /** µs since the epoch. */
  created: number;
  /** ms since the epoch (whole seconds). */
  expires: number;
}

interface ShareLinkRow {
  link_id: string;
  call_id: string;
  format: string;
  recipient: string;
  customer_numbers: string[];
  author: string;
  author_subject: string;
  created: string;
  expires: string;
}

/** The stored form of a link's secret: its SHA-256, hex. */
export const shareTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const dateTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const toLink = (r: ShareLinkRow): ShareLink => ({
  id: r.link_id,
  callId: r.call_id,
  format: r.format,
  recipient: r.recipient === 'customer' ? 'customer' : 'support',
  customerNumbers: r.customer_numbers,
  author: r.author,
  authorSubject: r.author_subject,
  created: parseTimestampUs(r.created),
  expires: Date.parse(`${r.expires.replace(' ', 'T')}Z`),
});

/**
 * Share links (share_links, migration 5). The secret is made and handed out by the caller; this
 * store keeps its hash, finds a link by it while the link is in force, and audits the making, every
 * opening and the revoking against the call, so they show in the call's access trail.
 */
export class ShareLinkStore {
  private readonly versions = new WriteVersions();

  constructor(private readonly store: SipStore) {}

  async create(link: Omit<ShareLink, 'created'>, token: string, actor: Actor): Promise<ShareLink> {
    const made: ShareLink = { ...link, created: Date.now() * 1000, expires: Math.floor(link.expires / 1000) * 1000 };
    await this.write(made, shareTokenHash(token), false);
    await this.audit(made, actor, 'call.share.link');
    return made;
  }

  /** The link this secret opens, if it is in force (not expired, not revoked). */
  byToken(token: string): Promise<ShareLink | undefined> {
    return this.select('token_hash = {hash:FixedString(64)}', { hash: shareTokenHash(token) }).then((r) => r[0]);
  }

  get(id: string): Promise<ShareLink | undefined> {
    return this.select('link_id = {id:String}', { id }).then((r) => r[0]);
  }

  /** Links of one call in force, soonest expiry first. */
  list(callId: string): Promise<ShareLink[]> {
    return this.select('call_id = {callId:String}', { callId });
  }

  /** Records one opening of a link in the call's trail: who opened it is the link, from where the peer. */
  opened(link: ShareLink, peer: string, detail: { legs: number; messages: number }): Promise<void> {
    return this.audit(link, { subject: `share-link:${link.id}`, roles: [], peer }, 'call.share.open', detail);
  }

  async revoke(link: ShareLink, actor: Actor): Promise<void> {
    const stored = await this.hashOf(link.id);
    await this.write(link, stored, true);
    await this.audit(link, actor, 'call.share.revoke');
  }

  private hashOf(id: string): Promise<string> {
    return guard(async () => {
      const rows = await (
        await this.store.client.query({
          query: `SELECT token_hash FROM ${tableName(this.store.layout, 'share_links')} FINAL
            WHERE link_id = {id:String}`,
          query_params: { id },
          format: 'JSONEachRow',
        })
      ).json<{ token_hash: string }>();
      return rows[0]?.token_hash ?? '';
    });
  }

  private select(where: string, params: Record<string, unknown>): Promise<ShareLink[]> {
    return guard(async () => {
      const rows = await (
        await this.store.client.query({
          query: `SELECT link_id, call_id, format, recipient, customer_numbers, author, author_subject, created, expires
            FROM ${tableName(this.store.layout, 'share_links')} FINAL
            WHERE revoked = 0 AND expires > now() AND ${where} ORDER BY expires, link_id`,
          query_params: params,
          format: 'JSONEachRow',
        })
      ).json<ShareLinkRow>();
      return rows.map(toLink);
    });
  }

  private write(link: ShareLink, tokenHash: string, revoked: boolean): Promise<void> {
    return guard(() =>
      this.store.client
        .insert({
          table: tableName(this.store.layout, 'share_links'),
          values: [
            {
              link_id: link.id,
              version: this.versions.next(),
              revoked: revoked ? 1 : 0,
              token_hash: tokenHash,
              call_id: link.callId,
              format: link.format,
              recipient: link.recipient,
              customer_numbers: link.customerNumbers,
              author: link.author,
              author_subject: link.authorSubject,
              created: formatTimestampUs(link.created),
              expires: dateTime(link.expires),
            },
          ],
          format: 'JSONEachRow',
        })
        .then(() => undefined),
    );
  }

  private audit(link: ShareLink, actor: Actor, action: string, extra: object = {}): Promise<void> {
    return appendAudit(this.store, [
      {
        ts: Date.now(),
        subject: actor.subject,
        roles: actor.roles,
        action,
        target: link.callId,
        peer: actor.peer,
        outcome: 'ok',
        detail: JSON.stringify({
          link: link.id,
          format: link.format,
          for: link.recipient,
          expires: new Date(link.expires).toISOString(),
          ...extra,
        }),
      },
    ]);
  }
}
