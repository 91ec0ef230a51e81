import { kamailioModulesDir } from '@sipflow/testing';

/** Dialled numbers that select what Kamailio does with a call. */
export const DIALLED = {
  basic: '441632960100',
  busy: '441632960101',
  cancel: '441632960102',
  fork: '441632960103',
  auth: '441632960104',
  topoh: '441632960105',
} as const;

export interface AccuracyPorts {
  /** Kamailio's SIP port (UDP). */
  sip: number;
  /** SIPp UAS that answers after ringing. */
  answer: number;
  /** SIPp UAS that rings until cancelled. */
  ring: number;
  /** SIPp UAS that answers 486. */
  busy: number;
  /** The HEP listener every Kamailio mirrors its traffic to. */
  hep: number;
}

/**
 * A stateful Kamailio proxy whose behaviour depends on the dialled number: relay to a UAS that
 * answers, is busy or rings until cancelled; fork in parallel to the answering and the ringing UAS
 * (RFC 3261 §16.6: the 200 on one branch CANCELs the other, §16.7 step 10); challenge with 407 and
 * check the digest (RFC 3261 §22.3). With `topologyHiding`, the topoh module masks the Call-ID on
 * the UAS side, so the two sides of a call share no identifier at all and only behaviour links them.
 * siptrace mirrors every message received and sent to the HEP listener (capture id `captureId`).
 */
export function accuracyKamailioConfig(p: AccuracyPorts, captureId: number, topologyHiding = false): string {
  const uas = (port: number) => `sip:127.0.0.1:${port}`;
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
auto_aliases=no
listen=udp:127.0.0.1:${p.sip}
disable_tcp=yes
mpath="${kamailioModulesDir()}/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "auth.so"
loadmodule "corex.so"
loadmodule "siptrace.so"
${topologyHiding ? 'loadmodule "topoh.so"\nmodparam("topoh", "mask_callid", 1)\nmodparam("topoh", "mask_ip", "10.1.1.10")' : ''}
modparam("siptrace", "duplicate_uri", "sip:127.0.0.1:${p.hep}")
modparam("siptrace", "hep_mode_on", 1)
modparam("siptrace", "hep_version", 3)
modparam("siptrace", "hep_capture_id", ${captureId})
modparam("siptrace", "trace_to_database", 0)
modparam("siptrace", "trace_on", 1)
modparam("siptrace", "trace_mode", 1)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (!loose_route()) {
      if (is_method("ACK") && !t_check_trans()) exit;
    }
    t_relay();
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  if ($rU == "${DIALLED.auth}") {
    if (!pv_proxy_authenticate("sipflow.test", "secret", "0")) {
      proxy_challenge("sipflow.test", "0");
      exit;
    }
    consume_credentials();
  }
  record_route();
  if ($rU == "${DIALLED.busy}") {
    $du = "${uas(p.busy)}";
  } else if ($rU == "${DIALLED.cancel}") {
    $du = "${uas(p.ring)}";
  } else if ($rU == "${DIALLED.fork}") {
    $ru = "sip:" + $rU + "@127.0.0.1:${p.ring}";
    append_branch();
    $ru = "sip:" + $rU + "@127.0.0.1:${p.answer}";
  } else {
    $du = "${uas(p.answer)}";
  }
  t_relay();
}
`;
}
