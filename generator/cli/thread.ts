// The generate command's thread (launch.ts starts it): main() as in process, with an Io that relays each write, in
// order, to the launching thread, which owns the real stdout and stderr.
import { parentPort, workerData } from "node:worker_threads";
import { internalErrorText } from "./internal-error";
import type { ThreadData, ThreadMessage } from "./launch";
import { main, type Io } from "./main";

const port = parentPort;
if (port) {
  const { argv, stderrIsTerminal } = workerData as ThreadData;
  const send = (message: ThreadMessage) => port.postMessage(message);
  const io: Io = {
    stdout: (text) => send({ kind: "write", stream: "stdout", text }),
    stderr: (text) => send({ kind: "write", stream: "stderr", text }),
    stderrIsTerminal,
  };
  // A dependency that rejects outside our promise chain must still end as a diagnostic, not a stack trace.
  process.on("unhandledRejection", (reason) => {
    io.stderr(internalErrorText(reason));
    send({ kind: "exit", code: 1 });
    process.exit(1);
  });
  void main(argv, io).then((code) => send({ kind: "exit", code }));
}
