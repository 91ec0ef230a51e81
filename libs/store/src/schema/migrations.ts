import { quoteIdentifier } from '../connection';
import {
  distributed,
  engine,
  localTable,
  onCluster,
  tableName,
  type Retention,
  type SchemaLayout,
} from './table-engine';

export interface Migration {
  version: number;
  description: string;
  statements: (layout: SchemaLayout, retention: Retention) => string[];
}

/**
 * Versioned schema. Never edit a released migration: add a new one. Every table has a TTL
 * (ARCHITECTURE ⚑ ClickHouse); TTL values are set from configuration here and re-applied by
 * `applyRetention` when an operator changes them. SIP data expires counted from when sipflow
 * stored it (`ingested`), not from when it was captured: an imported capture of last month's
 * trouble must not vanish on arrival.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'SIP messages, legs, calls, number index, response-code roll-ups, audit log',
    statements: (layout, r) => [
      // One row per observation of a SIP message by a device. ReplacingMergeTree on the sorting key
      // makes a replayed record (same Call-ID, time and record id) one row after merges; readers
      // use FINAL or the record id to see it once before that.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'sip_messages')}${onCluster(layout)} (
        record_id String,
        ts DateTime64(6, 'UTC'),
        time_precision LowCardinality(String),
        call_id String,
        device_id LowCardinality(String),
        device_name LowCardinality(String),
        direction LowCardinality(String),
        transport LowCardinality(String),
        src_addr String,
        src_port UInt16,
        dst_addr String,
        dst_port UInt16,
        src_device LowCardinality(String),
        dst_device LowCardinality(String),
        ingest_path LowCardinality(String),
        format_variant LowCardinality(String),
        is_request UInt8,
        method LowCardinality(String),
        status UInt16,
        reason String,
        cseq UInt32,
        from_tag String,
        to_tag String,
        branch String,
        fingerprint String,
        attempt UInt16,
        size UInt32,
        raw String CODEC(ZSTD(3)),
        ingested DateTime('UTC') DEFAULT now(),
        INDEX record_idx record_id TYPE bloom_filter(0.01) GRANULARITY 4
      ) ENGINE = ${engine(layout, 'sip_messages', 'Replacing')}
      PARTITION BY toDate(ts)
      ORDER BY (call_id, ts, record_id)
      TTL ingested + INTERVAL ${r.messagesDays} DAY`,
      ...distributed(layout, 'sip_messages', 'cityHash64(call_id)'),

      // Legs as the correlator last emitted them; version grows as observations arrive.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'sip_legs')}${onCluster(layout)} (
        leg_id String,
        version UInt64,
        deleted UInt8,
        call_id String,
        start DateTime64(6, 'UTC'),
        end DateTime64(6, 'UTC'),
        uac_device LowCardinality(String),
        uas_device LowCardinality(String),
        method LowCardinality(String),
        kind LowCardinality(String),
        outcome LowCardinality(String),
        final_status UInt16,
        numbers Array(String),
        open UInt8,
        summary String CODEC(ZSTD(3)),
        findings String CODEC(ZSTD(3)),
        ingested DateTime('UTC') DEFAULT now()
      ) ENGINE = ${engine(layout, 'sip_legs', 'Replacing', 'version')}
      ORDER BY leg_id
      TTL ingested + INTERVAL ${r.messagesDays} DAY`,
      ...distributed(layout, 'sip_legs', 'cityHash64(leg_id)'),

      // Whole calls. A call is rewritten with a higher version as legs join; a call that merged into
      // another or split is written once more with deleted = 1.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'sip_calls')}${onCluster(layout)} (
        call_id String,
        version UInt64,
        deleted UInt8,
        kind LowCardinality(String),
        start DateTime64(6, 'UTC'),
        end DateTime64(6, 'UTC'),
        outcome LowCardinality(String),
        final_status UInt16,
        caller String,
        callee String,
        legs UInt16,
        devices Array(String),
        device_names Array(String),
        sip_call_ids Array(String),
        numbers Array(String),
        findings UInt16,
        finding_codes Array(String),
        open UInt8,
        graph String CODEC(ZSTD(3)),
        ingested DateTime('UTC') DEFAULT now(),
        INDEX start_idx start TYPE minmax GRANULARITY 1,
        INDEX sip_call_ids_idx sip_call_ids TYPE bloom_filter(0.01) GRANULARITY 4,
        INDEX devices_idx devices TYPE bloom_filter(0.01) GRANULARITY 4
      ) ENGINE = ${engine(layout, 'sip_calls', 'Replacing', 'version')}
      ORDER BY call_id
      TTL ingested + INTERVAL ${r.messagesDays} DAY`,
      ...distributed(layout, 'sip_calls', 'cityHash64(call_id)'),

      // Search by any party's number: 'n:<digits>' for prefix search, 'r:<reversed digits>' for suffix search.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'sip_numbers')}${onCluster(layout)} (
        key String,
        call_id String,
        ts DateTime64(6, 'UTC'),
        ingested DateTime('UTC') DEFAULT now()
      ) ENGINE = ${engine(layout, 'sip_numbers', 'Replacing')}
      ORDER BY (key, call_id)
      TTL ingested + INTERVAL ${r.messagesDays} DAY`,
      ...distributed(layout, 'sip_numbers', 'cityHash64(key)'),

      // Response codes per minute, device and method, for dashboards.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'response_codes_1m')}${onCluster(layout)} (
        minute DateTime('UTC'),
        device_id LowCardinality(String),
        method LowCardinality(String),
        status UInt16,
        count UInt64
      ) ENGINE = ${engine(layout, 'response_codes_1m', 'Summing', 'count')}
      PARTITION BY toYYYYMM(minute)
      ORDER BY (minute, device_id, method, status)
      TTL minute + INTERVAL ${r.aggregatesDays} DAY`,
      ...distributed(layout, 'response_codes_1m', 'cityHash64(device_id)'),
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${localTable(layout, 'response_codes_1m_mv')}${onCluster(layout)}
      TO ${localTable(layout, 'response_codes_1m')} AS
      SELECT toStartOfMinute(ts) AS minute, device_id, method, status, count() AS count
      FROM ${localTable(layout, 'sip_messages')}
      WHERE is_request = 0
      GROUP BY minute, device_id, method, status`,

      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'audit_log')}${onCluster(layout)} (
        ts DateTime64(3, 'UTC'),
        subject String,
        roles Array(String),
        action LowCardinality(String),
        target String,
        peer String,
        outcome LowCardinality(String),
        detail String
      ) ENGINE = ${engine(layout, 'audit_log', '')}
      PARTITION BY toYYYYMM(ts)
      ORDER BY (ts, subject)
      TTL toDateTime(ts) + INTERVAL ${r.auditDays} DAY`,
      ...distributed(layout, 'audit_log', 'rand()'),
    ],
  },
  {
    version: 2,
    description: 'API: local users, sessions, device names and pools, settings',
    statements: (layout) => [
      // Accounts are configuration, not traffic: no TTL. ReplacingMergeTree(version, deleted) keeps
      // the newest version of each user; FINAL hides one whose newest version is a deletion.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'api_users')}${onCluster(layout)} (
        user_id String,
        version UInt64,
        deleted UInt8,
        username String,
        display_name String,
        roles Array(LowCardinality(String)),
        scopes String,
        password_hash String,
        disabled UInt8,
        created DateTime64(3, 'UTC'),
        updated DateTime64(3, 'UTC')
      ) ENGINE = ${engine(layout, 'api_users', 'Replacing', 'version, deleted')}
      ORDER BY user_id`,
      ...distributed(layout, 'api_users', 'cityHash64(user_id)'),

      // Refresh sessions, keyed by a hash of the refresh token (the token itself is never stored).
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'api_sessions')}${onCluster(layout)} (
        session_id String,
        version UInt64,
        user_id String,
        revoked UInt8,
        created DateTime64(3, 'UTC'),
        expires DateTime64(3, 'UTC')
      ) ENGINE = ${engine(layout, 'api_sessions', 'Replacing', 'version')}
      ORDER BY session_id
      TTL toDateTime(expires) + INTERVAL 1 DAY`,
      ...distributed(layout, 'api_sessions', 'cityHash64(session_id)'),

      // Device names and pools set by an administrator; they override the device map on ladders.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'api_devices')}${onCluster(layout)} (
        device_id String,
        version UInt64,
        deleted UInt8,
        name String,
        pool String,
        address String,
        updated DateTime64(3, 'UTC')
      ) ENGINE = ${engine(layout, 'api_devices', 'Replacing', 'version, deleted')}
      ORDER BY device_id`,
      ...distributed(layout, 'api_devices', 'cityHash64(device_id)'),

      // Settings changed at run time (retention), one JSON value per key.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'api_settings')}${onCluster(layout)} (
        key String,
        version UInt64,
        value String,
        updated DateTime64(3, 'UTC')
      ) ENGINE = ${engine(layout, 'api_settings', 'Replacing', 'version')}
      ORDER BY key`,
      ...distributed(layout, 'api_settings', 'cityHash64(key)'),
    ],
  },
  {
    version: 3,
    description: 'Corrections made by hand to the correlation (split a leg out, join two calls)',
    statements: (layout, r) => [
      // Kept as long as the audit log: a correction is a decision someone is accountable for, and it
      // must outlive any hold on the calls it shaped. Withdrawn by a newer version with revoked = 1.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'call_corrections')}${onCluster(layout)} (
        correction_id String,
        version UInt64,
        revoked UInt8,
        action LowCardinality(String),
        legs Array(String),
        calls Array(String),
        reason String,
        author String,
        created DateTime64(6, 'UTC'),
        ingested DateTime('UTC') DEFAULT now()
      ) ENGINE = ${engine(layout, 'call_corrections', 'Replacing', 'version')}
      ORDER BY correction_id
      TTL ingested + INTERVAL ${r.auditDays} DAY`,
      ...distributed(layout, 'call_corrections', 'cityHash64(correction_id)'),
    ],
  },
  {
    version: 4,
    description: 'Investigation holds: one call kept past its retention, in *_held copies with their own TTL',
    statements: (layout) => [
      // A hold: who keeps which call, why and until when. The record goes a day after the hold
      // ends (the audit log keeps the trail); releasing writes a newer version with released = 1.
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'call_holds')}${onCluster(layout)} (
        hold_id String,
        version UInt64,
        released UInt8,
        call_id String,
        sip_call_ids Array(String),
        reason String,
        author String,
        created DateTime64(6, 'UTC'),
        expires DateTime('UTC')
      ) ENGINE = ${engine(layout, 'call_holds', 'Replacing', 'version')}
      ORDER BY hold_id
      TTL expires + INTERVAL 1 DAY`,
      ...distributed(layout, 'call_holds', 'cityHash64(hold_id)'),
      // ClickHouse TTL cannot spare chosen rows of a table, so a hold copies the call's rows into
      // tables of the same shape whose TTL is each row's own hold expiry; every other row still
      // expires by the table's TTL. Plain MergeTree: two holds on one call keep two copies (readers
      // take each row once), so the longer hold is not cut short by the shorter one.
      ...(['sip_messages', 'sip_calls', 'sip_numbers'] as const).flatMap((table) => [
        `CREATE TABLE IF NOT EXISTS ${localTable(layout, `${table}_held`)}${onCluster(layout)}
          AS ${localTable(layout, table)}
          ENGINE = ${engine(layout, `${table}_held`, '')}
          ORDER BY ${table === 'sip_numbers' ? '(key, call_id)' : table === 'sip_calls' ? 'call_id' : '(call_id, ts, record_id)'}`,
        `ALTER TABLE ${localTable(layout, `${table}_held`)}${onCluster(layout)}
          ADD COLUMN IF NOT EXISTS hold_id String, ADD COLUMN IF NOT EXISTS held_until DateTime('UTC')`,
        `ALTER TABLE ${localTable(layout, `${table}_held`)}${onCluster(layout)} MODIFY TTL held_until`,
        ...distributed(layout, `${table}_held`, table === 'sip_numbers' ? 'cityHash64(key)' : 'cityHash64(call_id)'),
      ]),
    ],
  },
  {
    version: 5,
    description: 'Share links: one call, masked for its recipient, until an expiry; only the secret’s hash stored',
    statements: (layout) => [
      // A link's secret is its credential, so only its SHA-256 is kept (a leaked table opens
      // nothing). Revoking writes a newer version with revoked = 1; the row goes a day after expiry
      // (the audit log keeps the trail of its making and every opening).
      `CREATE TABLE IF NOT EXISTS ${localTable(layout, 'share_links')}${onCluster(layout)} (
        link_id String,
        version UInt64,
        revoked UInt8,
        token_hash FixedString(64),
        call_id String,
        format LowCardinality(String),
        recipient LowCardinality(String),
        customer_numbers Array(String),
        author String,
        author_subject String,
        created DateTime64(6, 'UTC'),
        expires DateTime('UTC')
      ) ENGINE = ${engine(layout, 'share_links', 'Replacing', 'version')}
      ORDER BY link_id
      TTL expires + INTERVAL 1 DAY`,
      ...distributed(layout, 'share_links', 'cityHash64(link_id)'),
    ],
  },
];

/** TTL clauses by table, to re-apply when retention changes (ALTER … MODIFY TTL). */
export function retentionStatements(layout: SchemaLayout, r: Retention): string[] {
  const ttl: [string, string][] = [
    ['sip_messages', `ingested + INTERVAL ${r.messagesDays} DAY`],
    ['sip_legs', `ingested + INTERVAL ${r.messagesDays} DAY`],
    ['sip_calls', `ingested + INTERVAL ${r.messagesDays} DAY`],
    ['sip_numbers', `ingested + INTERVAL ${r.messagesDays} DAY`],
    ['response_codes_1m', `minute + INTERVAL ${r.aggregatesDays} DAY`],
    ['audit_log', `toDateTime(ts) + INTERVAL ${r.auditDays} DAY`],
    ['call_corrections', `ingested + INTERVAL ${r.auditDays} DAY`],
  ];
  return ttl.map(
    ([table, expression]) => `ALTER TABLE ${localTable(layout, table)}${onCluster(layout)} MODIFY TTL ${expression}`,
  );
}

export const migrationsTable = (layout: SchemaLayout) =>
  `${quoteIdentifier(layout.database)}.${quoteIdentifier('schema_migrations')}`;
export { tableName };
