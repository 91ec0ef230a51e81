'use strict';
// Load generator for bench/collector: sends `count` datagrams to 127.0.0.1:<port> at `rate` per
// second, cycling through the payloads in <payload-file> (u32 big-endian length + bytes, repeated),
// then prints {"sent":N,"seconds":S}. Runs as its own process so it does not share the event loop
// with what it measures.
const { createSocket } = require('node:dgram');
const { readFileSync } = require('node:fs');

const [port, rate, count, file] = process.argv.slice(2);
const data = readFileSync(file);
const payloads = [];
for (let at = 0; at < data.length;) {
  const n = data.readUInt32BE(at);
  payloads.push(data.subarray(at + 4, at + 4 + n));
  at += 4 + n;
}
const socket = createSocket('udp4');
const total = Number(count);
const perSecond = Number(rate);
let sent = 0;
let done = 0;
let failed = 0;
const onSent = (err) => {
  done++;
  if (err) failed++;
};
let started = 0n;
function tick() {
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const due = Math.min(total, Math.floor(elapsed * perSecond)) - sent;
  for (let i = 0; i < due && socket.getSendQueueCount() < 2000; i++) {
    socket.send(payloads[sent % payloads.length], Number(port), '127.0.0.1', onSent);
    sent++;
  }
  if (sent < total) setImmediate(tick);
  else {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const wait = () => (done < sent ? setTimeout(wait, 5) : finish(seconds));
    wait();
  }
}
function finish(seconds) {
  socket.close();
  // Datagrams the kernel refused to send are not counted as sent.
  process.stdout.write(`${JSON.stringify({ sent: sent - failed, failed, seconds })}\n`);
}
socket.bind(0, '127.0.0.1', () => {
  socket.setSendBufferSize(4 * 1024 * 1024);
  started = process.hrtime.bigint();
  tick();
});
