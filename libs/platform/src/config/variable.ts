import { z } from 'zod';

/** What the operator reads about one environment variable (deploy/config, helm values, --help). */
export interface VariableMeta {
  description: string;
  /** Secrets are masked wherever configuration is printed or logged. */
  secret?: boolean;
}

export const configRegistry = z.registry<VariableMeta>();

/** Declares one environment variable: its schema (with default) and what it means. */
export function variable<T extends z.ZodType>(schema: T, meta: VariableMeta): T {
  configRegistry.add(schema as z.ZodType, meta);
  return schema;
}

/** Environment booleans: true/false/1/0/yes/no, case-insensitive. */
export const envBoolean = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list, e.g. KAFKA_BROKERS=host1:9092,host2:9092. */
export const envList = () =>
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export type ConfigShape = Record<string, z.ZodType>;
export type ConfigOf<S extends ConfigShape> = z.infer<z.ZodObject<S>>;
