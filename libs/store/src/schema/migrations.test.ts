import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';

const retention = { messagesDays: 7, aggregatesDays: 90, auditDays: 365 };
const statements = (cluster?: string) =>
  MIGRATIONS.flatMap((m) => m.statements({ database: 'sipflow', cluster }, retention));

// The DDL a ClickHouse cluster gets when CLICKHOUSE_CLUSTER is set (the Helm value
// clickhouse.cluster): replicated local tables and Distributed tables over them, created ON CLUSTER.
describe('schema layout', () => {
  it('on one node: plain MergeTree family, no ON CLUSTER, no Distributed', () => {
    const ddl = statements().join('\n');
    expect(ddl).toMatch(/ENGINE = ReplacingMergeTree/);
    expect(ddl).not.toMatch(/Replicated|ON CLUSTER|Distributed/);
  });

  it('on a cluster: every table replicated and created on every node, with a Distributed twin', () => {
    const ddl = statements('voip');
    const creates = ddl.filter((s) => /^CREATE TABLE/.test(s.trim()));
    const local = creates.filter((s) => !/ENGINE = Distributed/.test(s));
    const distributed = creates.filter((s) => /ENGINE = Distributed\(`voip`, `sipflow`/.test(s));
    expect(local.length).toBeGreaterThan(0);
    for (const s of local) {
      expect(s).toContain(' ON CLUSTER `voip`');
      expect(s).toMatch(
        /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/sipflow\/\w+', '\{replica\}'/,
      );
    }
    for (const s of distributed) expect(s).toContain(' ON CLUSTER `voip`');
    // Queries go through the Distributed tables: every message/leg/call table has one.
    const names = distributed.map((s) => /`sipflow`\.`(\w+)`/.exec(s)?.[1]);
    expect(names).toEqual(expect.arrayContaining(['sip_messages_all', 'sip_legs_all', 'sip_calls_all']));
  });
});
