import type { CallFlow } from '@sipflow/proto';

/**
 * The part of a call flow the ladder component needs in the browser: the server renders the
 * panels (links, clocks, rewrites) itself, so only columns, legs, arrows and findings travel in the
 * page's payload, and arrows without their network endpoints.
 */
export function ladderProps(flow: CallFlow): CallFlow {
  return {
    ...flow,
    call: undefined,
    clocks: undefined,
    links: [],
    rewrites: [],
    findings: flow.findings.map((f) => ({ ...f, recordIds: [] })),
    messages: flow.messages.map((m) => ({ ...m, src: undefined, dst: undefined })),
  };
}
