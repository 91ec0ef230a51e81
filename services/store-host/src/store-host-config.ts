import { variable } from '@sipflow/platform';
import { z } from 'zod';

/** The store host's listener (with the store fragment's data directory and credentials). */
export const storeHostConfig = {
  STORE_HOST_BIND_ADDRESS: variable(z.string().default('127.0.0.1'), {
    description: 'Address the store host listens on (loopback by default: it is a development and test tool).',
  }),
  STORE_HOST_PORT: variable(z.coerce.number().int().min(0).max(65535).default(8123), {
    description: "Port of the ClickHouse-compatible HTTP interface (ClickHouse's own default); 0 picks a free one.",
  }),
};
