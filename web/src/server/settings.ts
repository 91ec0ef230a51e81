import 'server-only';
import { ConfigError, loadConfig, portalConfig, type ConfigOf } from '@sipflow/platform';

let settings: ConfigOf<typeof portalConfig> | undefined;

/**
 * The portal's configuration, parsed once from the environment on first use (Next.js is this
 * process's composition root: the standalone server, or `sipflow start` which sets the variables).
 */
export function portalSettings(): ConfigOf<typeof portalConfig> & { SIPFLOW_SESSION_SECRET: string } {
  settings ??= loadConfig(portalConfig, process.env);
  const secret = settings.SIPFLOW_SESSION_SECRET;
  if (!secret) throw new ConfigError(['SIPFLOW_SESSION_SECRET: required: the key of the session cookie']);
  return { ...settings, SIPFLOW_SESSION_SECRET: secret };
}
