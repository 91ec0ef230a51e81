import { z } from 'zod';
import { ConfigError } from '../errors/errors';
import { configRegistry, type ConfigOf, type ConfigShape } from './variable';

/**
 * Parses the environment once against a schema composed of fragments, failing fast with every
 * problem listed (not just the first). Empty values count as unset, as compose files and helm
 * templates commonly render optional variables as "".
 */
export function loadConfig<S extends ConfigShape>(shape: S, env: Record<string, string | undefined>): ConfigOf<S> {
  const input: Record<string, string> = {};
  for (const name of Object.keys(shape)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[name] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const meta = configRegistry.get(shape[name as keyof S] as z.ZodType);
        return `${name}: ${issue.message}${meta ? ` (${meta.description})` : ''}`;
      }),
    );
  }
  return result.data as ConfigOf<S>;
}

export interface VariableDoc {
  name: string;
  description: string;
  secret: boolean;
  default?: unknown;
}

/** The reference of every variable in a shape, for docs and `--help`. */
export function describeConfig(shape: ConfigShape): VariableDoc[] {
  return Object.entries(shape).map(([name, schema]) => {
    const meta = configRegistry.get(schema);
    const probe = schema.safeParse(undefined);
    return {
      name,
      description: meta?.description ?? '',
      secret: meta?.secret ?? false,
      ...(probe.success && probe.data !== undefined ? { default: probe.data } : {}),
    };
  });
}

/** A copy of a parsed configuration that is safe to log: secret values replaced by "***". */
export function maskSecrets<S extends ConfigShape>(shape: S, config: ConfigOf<S>): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config as Record<string, unknown>)) {
    const secret = configRegistry.get(shape[name] as z.ZodType)?.secret;
    masked[name] = secret && value !== undefined ? '***' : value;
  }
  return masked;
}
