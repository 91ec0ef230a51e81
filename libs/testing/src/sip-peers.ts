import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './poll';

/** Real SIP software from Debian (.ci/run installs it): fail loudly if absent, never skip. */
export function requireCommand(command: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${command} is not installed: apt-get install -y ${debianPackage} (see .ci/run)`);
  return found;
}

/** Where this machine's Kamailio keeps its modules (Debian puts them under the multiarch triplet). */
export function kamailioModulesDir(): string {
  const candidates = [
    ...['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf'].map((t) => `/usr/lib/${t}/kamailio/modules`),
    '/usr/lib64/kamailio/modules',
    '/usr/lib/kamailio/modules',
    '/usr/local/lib64/kamailio/modules',
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'siptrace.so')));
  if (!found) throw new Error(`Kamailio's siptrace module not found in ${candidates.join(', ')}`);
  return found;
}

export interface KamailioPorts {
  /** Where Kamailio listens (UDP). */
  sip: number;
  /** The SIPp UAS every new call is relayed to. */
  uas: number;
  /** The collector's HEP (siptrace) and syslog ports. */
  hep: number;
  syslog: number;
}

/**
 * A minimal stateful proxy: every new call to the SIPp UAS, record-routed; siptrace mirrors every
 * SIP message it receives or sends to the collector as HEP v3 (trace_mode 1, capture id 2001); and
 * the config itself logs each message as a FireBrick-style record (RFC 5424, `VoIP Rx 1>` /
 * `VoIP Tx 1> Try 0 len`, hostname "kamailio") over UDP syslog with corex send_data, writing
 * "FBLOG" to its own log each time (the oracle of what it sent).
 */
export function kamailioConfig(p: KamailioPorts): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
auto_aliases=no
listen=udp:127.0.0.1:${p.sip}
disable_tcp=yes
onsend_route_reply=yes
mpath="${kamailioModulesDir()}/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "corex.so"
loadmodule "siptrace.so"
modparam("siptrace", "duplicate_uri", "sip:127.0.0.1:${p.hep}")
modparam("siptrace", "hep_mode_on", 1)
modparam("siptrace", "hep_version", 3)
modparam("siptrace", "hep_capture_id", 2001)
modparam("siptrace", "trace_to_database", 0)
modparam("siptrace", "trace_on", 1)
modparam("siptrace", "trace_mode", 1)

request_route {
  route(FBLOG_RX);
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    # SIPp's built-in uac sends ACK and BYE to the proxy without a Route set: relay them to the UAS.
    if (!loose_route()) $du = "sip:127.0.0.1:${p.uas}";
    t_relay();
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  record_route();
  $du = "sip:127.0.0.1:${p.uas}";
  t_relay();
}
reply_route { route(FBLOG_RX); }
onsend_route {
  $var(fb) = "<134>1 - kamailio voip-udp-tx - - - VoIP Tx 1> Try 0 " + $snd(len) + "\\n" + $snd(buf);
  send_data("sip:127.0.0.1:${p.syslog}", "$var(fb)");
  xlog("L_NOTICE", "FBLOG tx\\n");
}
route[FBLOG_RX] {
  $var(fb) = "<134>1 - kamailio voip-udp-rx - - - VoIP Rx 1>\\n" + $mb;
  send_data("sip:127.0.0.1:${p.syslog}", "$var(fb)");
  xlog("L_NOTICE", "FBLOG rx\\n");
}
`;
}

export interface Peer {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
  /** SIGTERM the process group, SIGKILL after a grace period. */
  stop: () => Promise<void>;
}

/** Spawns a peer in its own process group, time-bounded, its output collected. */
export function spawnPeer(command: string, args: string[], cwd: string, maxMs: number): Peer {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const take = (c: Buffer) => (out = (out + c.toString()).slice(-200_000));
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  const deadline = setTimeout(() => signal('SIGKILL'), maxMs);
  deadline.unref();
  return {
    child,
    log: () => out,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal('SIGTERM');
      const grace = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(grace);
      clearTimeout(deadline);
    },
  };
}

/** Kamailio with the proxy configuration above for `ports`, or with a whole kamailio.cfg of its own. */
export async function startKamailio(
  dir: string,
  config: KamailioPorts | string,
): Promise<Peer & { fblogLines: () => number }> {
  const binary = requireCommand('kamailio', 'kamailio');
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, typeof config === 'string' ? config : kamailioConfig(config));
  const check = spawnSync(binary, ['-c', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`kamailio rejects its config:\n${check.stderr}`);
  const peer = spawnPeer(binary, ['-DD', '-E', '-f', cfg, '-P', join(dir, 'kamailio.pid'), '-Y', dir], dir, 120_000);
  await pollUntil(() => peer.log().includes('SO_RCVBUF is finally'), {
    timeoutMs: 20_000,
    what: `kamailio up (${peer.log()})`,
  });
  await new Promise((r) => setTimeout(r, 500)); // its worker processes start right after the socket
  return { ...peer, fblogLines: () => peer.log().match(/FBLOG (rx|tx)/g)?.length ?? 0 };
}

/** SIP messages in a SIPp -trace_msg log (each sent or received, as SIPp saw it). */
export function sippMessageCount(messageFile: string): number {
  if (!existsSync(messageFile)) return 0;
  return readFileSync(messageFile, 'utf8').match(/UDP message (sent|received)/g)?.length ?? 0;
}
