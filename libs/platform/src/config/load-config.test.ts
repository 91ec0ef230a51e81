import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/errors';
import { busConfig, logConfig, storeConfig } from './fragments';
import { describeConfig, loadConfig, maskSecrets } from './load-config';
import { variable } from './variable';

const shape = { ...logConfig, ...busConfig, ...storeConfig };

describe('loadConfig', () => {
  it('gives the embedded defaults from an empty environment', () => {
    const config = loadConfig(shape, {});
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.CLICKHOUSE_URL).toBeUndefined();
    expect(config.SIP_RAW_TOPIC).toBe('sip.raw.v1');
    expect(config.RETENTION_MESSAGES_DAYS).toBe(7);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('parses lists and numbers, and treats empty strings as unset', () => {
    const config = loadConfig(shape, {
      KAFKA_BROKERS: 'a:9092, b:9092',
      RETENTION_AUDIT_DAYS: '30',
      CLICKHOUSE_URL: '',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.RETENTION_AUDIT_DAYS).toBe(30);
    expect(config.CLICKHOUSE_URL).toBeUndefined();
  });

  it('lists every problem at once, with what the variable means', () => {
    try {
      loadConfig(shape, { LOG_LEVEL: 'loud', RETENTION_MESSAGES_DAYS: '-1', CLICKHOUSE_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/LOG_LEVEL.*Minimum level/);
      expect(problems.join('\n')).toMatch(/RETENTION_MESSAGES_DAYS/);
      expect(problems.join('\n')).toMatch(/CLICKHOUSE_URL/);
    }
  });

  it('masks secrets when configuration is printed', () => {
    const config = loadConfig(shape, { CLICKHOUSE_PASSWORD: 'hunter2', KAFKA_SASL_PASSWORD: 'pw' });
    const masked = maskSecrets(shape, config);
    expect(masked.CLICKHOUSE_PASSWORD).toBe('***');
    expect(masked.KAFKA_SASL_PASSWORD).toBe('***');
    expect(masked.CLICKHOUSE_USER).toBe('default');
  });

  it('describes every variable with its default and secret flag', () => {
    const docs = describeConfig({ ...storeConfig, X: variable(z.string().optional(), { description: 'x' }) });
    const password = docs.find((d) => d.name === 'CLICKHOUSE_PASSWORD');
    expect(password).toMatchObject({ secret: true, default: '' });
    expect(docs.find((d) => d.name === 'RETENTION_MESSAGES_DAYS')).toMatchObject({ default: 7, secret: false });
    expect(docs.find((d) => d.name === 'X')).not.toHaveProperty('default');
  });
});
