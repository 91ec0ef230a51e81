import { readFile } from 'node:fs/promises';
import { type SemanticIssue, parseSipMessage } from '@sipflow/sip';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';

export interface ParseOptions {
  json?: boolean;
}

/** One line of `sipflow parse --json` (ARCHITECTURE.md ⚑ The `sipflow` command). */
export interface ParseReport {
  file: string;
  valid: boolean;
  /** Why the message is invalid; null when valid. */
  reason: string | null;
  method?: string;
  status?: number;
  callId: string | null;
  issues: Array<Pick<SemanticIssue, 'code' | 'severity' | 'message'>>;
}

/** Parses one file as one SIP message (a datagram: the file is the whole message). */
export async function parseFile(file: string): Promise<ParseReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    return { file, valid: false, reason, callId: null, issues: [] };
  }
  const result = parseSipMessage(bytes);
  if (!result.ok) return { file, valid: false, reason: result.error.message, callId: null, issues: [] };
  const m = result.message;
  const issues = m.issues.map(({ code, severity, message }) => ({ code, severity, message }));
  return {
    file,
    valid: true,
    reason: null,
    ...(m.kind === 'request' ? { method: m.method } : { status: m.status }),
    callId: m.callId,
    issues,
  };
}

function describe(report: ParseReport): string {
  if (!report.valid) return `${report.file}: invalid: ${report.reason}\n`;
  const what = report.method ?? `${report.status} response`;
  const lines = [`${report.file}: valid ${what}, Call-ID ${report.callId || '(none)'}\n`];
  for (const issue of report.issues) lines.push(`  ${issue.severity ?? 'issue'}: ${issue.message} [${issue.code}]\n`);
  return lines.join('');
}

/**
 * `sipflow parse FILE... [--json]`: validates SIP messages, one per file. Exit code 0 when every
 * file is a valid message (semantic issues are listed but do not make it invalid), 1 otherwise.
 */
export async function parseCommand(files: string[], options: ParseOptions, io: CliIo): Promise<void> {
  const reports: ParseReport[] = [];
  for (const file of files) reports.push(await parseFile(file));
  if (options.json) io.out(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const report of reports) io.out(describe(report));
  const invalid = reports.filter((r) => !r.valid).length;
  if (invalid > 0) {
    throw new CliError(
      `sipflow parse: ${invalid} of ${reports.length} files are not valid SIP messages`,
      ExitCode.invalidInput,
    );
  }
}
