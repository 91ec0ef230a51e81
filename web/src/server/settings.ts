import 'server-only';
import { loadConfig, portalConfig, type ConfigOf } from '@sipflow/platform';

let settings: ConfigOf<typeof portalConfig> | undefined;

/**
 * The portal's configuration, parsed once from the environment on first use (Next.js is this
 * process's composition root: the standalone server, or `sipflow start` which sets the variables).
 */
export function portalSettings(): ConfigOf<typeof portalConfig> {
  settings ??= loadConfig(portalConfig, process.env);
  return settings;
}
