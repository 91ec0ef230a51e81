/** µs since the epoch → ClickHouse DateTime64(6) text ('2026-11-20 10:15:00.001100'), always UTC. */
export function formatTimestampUs(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = String(Math.round(us - ms * 1000)).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}${micros}`;
}

/** ClickHouse DateTime64 text (UTC) → µs since the epoch. */
export function parseTimestampUs(text: string): number {
  const [date, time = '00:00:00'] = text.split(' ');
  const [clock, fraction = ''] = time.split('.');
  const ms = Date.parse(`${date}T${clock}Z`);
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}
