import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes structured lines with the service, component bindings and an ISO time', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', service: 'collector', destination });
    log.child({ component: 'syslog-udp' }).info({ device: 'fb1', ingestPath: 'syslog' }, 'listening');
    log.debug('hidden below the level');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'collector',
      component: 'syslog-udp',
      device: 'fb1',
      msg: 'listening',
    });
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts credentials in structured context', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', service: 'api', destination });
    log.info({ headers: { authorization: 'Digest response="abc"' }, user: { password: 'pw' } }, 'x');
    expect(JSON.stringify(lines[0])).not.toContain('abc');
    expect(JSON.stringify(lines[0])).not.toContain('"pw"');
  });
});
