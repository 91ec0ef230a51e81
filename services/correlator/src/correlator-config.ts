import { deviceMapConfig, envList, numberConfig, variable } from '@sipflow/platform';
import { z } from 'zod';

/** The correlator's own settings (with the bus and store fragments it also reads). */
export const correlatorConfig = {
  ...deviceMapConfig,
  ...numberConfig,
  CORRELATOR_GROUP_ID: variable(z.string().default('sipflow-correlator'), {
    description: 'Consumer group of the correlators reading sip.raw.v1 (one group shares the partitions).',
  }),
  SIP_LEGS_TOPIC: variable(z.string().default('sip.legs.v1'), {
    description: 'Internal topic of leg summaries every correlator reads in full to assemble calls.',
  }),
  CORRELATOR_FLUSH_INTERVAL_MS: variable(z.coerce.number().int().min(50).default(1000), {
    description: 'How often legs are re-judged against the clock (timeouts, closing after the linger time).',
  }),
  CORRELATOR_LINGER_SECONDS: variable(z.coerce.number().int().min(1).default(60), {
    description: 'A leg and its call close this long after their last dialog ended.',
  }),
  CORRELATOR_IDLE_WINDOW_HOURS: variable(z.coerce.number().min(0.1).default(4), {
    description: 'Bounded state: a leg silent for this long is closed, whatever its state.',
  }),
  CORRELATOR_B2BUA_WINDOW_SECONDS: variable(z.coerce.number().min(0.1).default(5), {
    description: 'Longest delay between an incoming INVITE and an outgoing one it caused at a B2BUA.',
  }),
  CORRELATION_LINK_HEADERS: variable(envList().default([]), {
    description: 'Extra SIP headers whose equal values link legs into one call (comma-separated names).',
  }),
  CORRELATOR_HTTP_HOST: variable(z.string().default('127.0.0.1'), {
    description: 'Address of the status endpoints (/livez, /readyz, /stats).',
  }),
  CORRELATOR_HTTP_PORT: variable(z.coerce.number().int().min(0).max(65535).default(9466), {
    description: 'Port of the status endpoints; 0 picks a free one.',
  }),
};
