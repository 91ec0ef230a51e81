import type { ClickHouseClient } from '@clickhouse/client';
import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';
import { tableName, type SchemaLayout } from '../schema/table-engine';

/** A local account as stored: scopes as the JSON the token claims carry, the password as its hash. */
export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** JSON of `Scopes` (libs/auth); '{}' when not narrowed. */
  scopes: string;
  passwordHash: string;
  disabled: boolean;
  /** ms since the epoch. */
  created: number;
  updated: number;
}

export interface StoredSession {
  id: string;
  userId: string;
  revoked: boolean;
  created: number;
  expires: number;
}

export interface StoredDevice {
  id: string;
  name: string;
  pool: string;
  address: string;
  updated: number;
}

export interface AuditEntry {
  /** ms since the epoch. */
  ts: number;
  subject: string;
  roles: string[];
  action: string;
  target: string;
  peer: string;
  outcome: string;
  detail: string;
}

export interface AuditQuery {
  since?: number;
  until?: number;
  subject?: string;
  action?: string;
  limit: number;
}

const ms = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
/** ms since the epoch → DateTime64(3) text, UTC. */
const dt = (msSinceEpoch: number) => new Date(msSinceEpoch).toISOString().slice(0, 23).replace('T', ' ');

/**
 * The API's own tables (migration 2): local users, refresh sessions, device names and pools set by
 * administrators, run-time settings, and the audit log (migration 1). Versioned rows, newest wins
 * (ReplacingMergeTree read with FINAL); every value a bound parameter.
 */
export class ApiStore {
  private lastVersion = 0;

  constructor(private readonly store: SipStore) {}

  private get client(): ClickHouseClient {
    return this.store.client;
  }

  private get layout(): SchemaLayout {
    return this.store.layout;
  }

  /** Monotonic version for replacing rows: time-based so another process's later write wins. */
  private version(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now() * 1000);
    return this.lastVersion;
  }

  private async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return (await this.client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
  }

  private insert(table: string, values: Record<string, unknown>[]): Promise<unknown> {
    return this.client.insert({ table: tableName(this.layout, table), values, format: 'JSONEachRow' });
  }

  listUsers(): Promise<StoredUser[]> {
    return guard(async () =>
      (
        await this.rows<UserRow>(`${USER_SELECT} FROM ${tableName(this.layout, 'api_users')} FINAL ORDER BY username`)
      ).map(toUser),
    );
  }

  getUser(id: string): Promise<StoredUser | undefined> {
    return guard(async () => {
      const rows = await this.rows<UserRow>(
        `${USER_SELECT} FROM ${tableName(this.layout, 'api_users')} FINAL WHERE user_id = {id:String}`,
        { id },
      );
      return rows[0] && toUser(rows[0]);
    });
  }

  findUserByName(username: string): Promise<StoredUser | undefined> {
    return guard(async () => {
      const rows = await this.rows<UserRow>(
        `${USER_SELECT} FROM ${tableName(this.layout, 'api_users')} FINAL WHERE username = {username:String}`,
        { username },
      );
      return rows[0] && toUser(rows[0]);
    });
  }

  putUser(user: StoredUser): Promise<void> {
    return guard(async () => {
      await this.insert('api_users', [
        {
          user_id: user.id,
          version: this.version(),
          deleted: 0,
          username: user.username,
          display_name: user.displayName,
          roles: user.roles,
          scopes: user.scopes,
          password_hash: user.passwordHash,
          disabled: user.disabled ? 1 : 0,
          created: dt(user.created),
          updated: dt(user.updated),
        },
      ]);
    });
  }

  deleteUser(user: StoredUser): Promise<void> {
    return guard(async () => {
      await this.insert('api_users', [
        {
          user_id: user.id,
          version: this.version(),
          deleted: 1,
          username: user.username,
          display_name: '',
          roles: [],
          scopes: '{}',
          password_hash: '',
          disabled: 1,
          created: dt(user.created),
          updated: dt(Date.now()),
        },
      ]);
    });
  }

  putSession(session: StoredSession): Promise<void> {
    return guard(async () => {
      await this.insert('api_sessions', [
        {
          session_id: session.id,
          version: this.version(),
          user_id: session.userId,
          revoked: session.revoked ? 1 : 0,
          created: dt(session.created),
          expires: dt(session.expires),
        },
      ]);
    });
  }

  getSession(id: string): Promise<StoredSession | undefined> {
    return guard(async () => {
      const rows = await this.rows<{
        session_id: string;
        user_id: string;
        revoked: number;
        created: string;
        expires: string;
      }>(
        `SELECT session_id, user_id, revoked, created, expires FROM ${tableName(this.layout, 'api_sessions')} FINAL
          WHERE session_id = {id:String}`,
        { id },
      );
      const row = rows[0];
      return (
        row && {
          id: row.session_id,
          userId: row.user_id,
          revoked: Number(row.revoked) === 1,
          created: ms(row.created),
          expires: ms(row.expires),
        }
      );
    });
  }

  listDevices(): Promise<StoredDevice[]> {
    return guard(async () =>
      (
        await this.rows<{ device_id: string; name: string; pool: string; address: string; updated: string }>(
          `SELECT device_id, name, pool, address, updated FROM ${tableName(this.layout, 'api_devices')} FINAL ORDER BY device_id`,
        )
      ).map((r) => ({ id: r.device_id, name: r.name, pool: r.pool, address: r.address, updated: ms(r.updated) })),
    );
  }

  putDevice(device: StoredDevice): Promise<void> {
    return guard(async () => {
      await this.insert('api_devices', [
        {
          device_id: device.id,
          version: this.version(),
          deleted: 0,
          name: device.name,
          pool: device.pool,
          address: device.address,
          updated: dt(device.updated),
        },
      ]);
    });
  }

  deleteDevice(id: string): Promise<void> {
    return guard(async () => {
      await this.insert('api_devices', [
        {
          device_id: id,
          version: this.version(),
          deleted: 1,
          name: '',
          pool: '',
          address: '',
          updated: dt(Date.now()),
        },
      ]);
    });
  }

  getSetting(key: string): Promise<string | undefined> {
    return guard(async () => {
      const rows = await this.rows<{ value: string }>(
        `SELECT value FROM ${tableName(this.layout, 'api_settings')} FINAL WHERE key = {key:String}`,
        { key },
      );
      return rows[0]?.value;
    });
  }

  putSetting(key: string, value: string): Promise<void> {
    return guard(async () => {
      await this.insert('api_settings', [{ key, version: this.version(), value, updated: dt(Date.now()) }]);
    });
  }

  audit(entries: AuditEntry[]): Promise<void> {
    return guard(async () => {
      if (entries.length)
        await this.insert(
          'audit_log',
          entries.map((e) => ({ ...e, ts: dt(e.ts) })),
        );
    });
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return guard(async () => {
      const where = ['1'];
      const params: Record<string, unknown> = { limit: Math.max(1, Math.min(query.limit, 1000)) };
      if (query.since !== undefined) {
        where.push('ts >= fromUnixTimestamp64Milli({since:Int64})');
        params.since = query.since;
      }
      if (query.until !== undefined) {
        where.push('ts < fromUnixTimestamp64Milli({until:Int64})');
        params.until = query.until;
      }
      if (query.subject) {
        where.push('subject = {subject:String}');
        params.subject = query.subject;
      }
      if (query.action) {
        where.push('action = {action:String}');
        params.action = query.action;
      }
      const rows = await this.rows<Omit<AuditEntry, 'ts'> & { ts: string }>(
        `SELECT ts, subject, roles, action, target, peer, outcome, detail FROM ${tableName(this.layout, 'audit_log')}
          WHERE ${where.join(' AND ')} ORDER BY ts DESC LIMIT {limit:UInt32}`,
        params,
      );
      return rows.map((r) => ({ ...r, ts: ms(r.ts) }));
    });
  }
}

interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  roles: string[];
  scopes: string;
  password_hash: string;
  disabled: number;
  created: string;
  updated: string;
}

const USER_SELECT = 'SELECT user_id, username, display_name, roles, scopes, password_hash, disabled, created, updated';

function toUser(row: UserRow): StoredUser {
  return {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    scopes: row.scopes,
    passwordHash: row.password_hash,
    disabled: Number(row.disabled) === 1,
    created: ms(row.created),
    updated: ms(row.updated),
  };
}
