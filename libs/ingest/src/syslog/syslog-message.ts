import type { TimePrecision } from '@sipflow/sip';

/** RFC 5424 §6.3 structured data element: `[id name="value" …]`. */
export interface SdElement {
  id: string;
  params: [name: string, value: string][];
}

/** One syslog message, RFC 5424 or RFC 3164, with the MSG part kept as bytes. */
export interface SyslogMessage {
  variant: 'syslog-5424' | 'syslog-3164';
  /** RFC 5424 §6.2.1 PRI = facility × 8 + severity; absent on PRI-less file lines. */
  facility?: number;
  severity?: number;
  version?: number;
  /** µs since the epoch (UTC); absent for the NILVALUE timestamp. */
  timeUs?: number;
  timePrecision?: TimePrecision;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData: SdElement[];
  /** MSG without the BOM; may hold line breaks. */
  msg: Uint8Array;
  /** RFC 5424 §6.4: MSG began with the UTF-8 BOM, so it is UTF-8. */
  bom: boolean;
}
