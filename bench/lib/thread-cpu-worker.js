"use strict";
// A worker entry that runs another (workerData.entry: apigen's dist/worker/entry.js, or openapi-ts-worker.js) and adds
// to its reply this thread's own CPU time, read from /proc/thread-self/stat (Linux; 10 ms ticks): loading the entry,
// receiving the request (the message's deserialisation, done before any listener runs) and answering it. V8's
// background threads (concurrent GC, optimizing compiles) are not in these figures; the bench reports the process's too.
const { readFileSync } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");

function threadCpuMs() {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
}

const start = threadCpuMs();
let received;
parentPort.on("message", () => {
  received = threadCpuMs(); // registered first, so it runs before the entry's own listener
});
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (reply) => post({ ...reply, threadCpu: { load: loaded - start, receive: received - loaded, answer: threadCpuMs() - received } });
require(workerData.entry);
const loaded = threadCpuMs();
