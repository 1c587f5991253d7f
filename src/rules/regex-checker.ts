/**
 * recheck's analysis, called synchronously with a hard time limit.
 *
 * recheck's own checkSync waits without limit for its analysis process, and
 * that process can die on a pattern without ever answering (it does on
 * `x{99999999999}`): one line in a rule file would then hang `qunguan check`
 * and every hot reload forever. Here the asynchronous `check` runs in a worker
 * thread and the loader waits for its answer at most `timeoutMs` plus a grace
 * period; no answer is an answer too ("could not be checked").
 */
import { createRequire } from "node:module";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Diagnostics } from "recheck";

/** Time the worker may take beyond the analysis' own timeout (start-up, the analysis process' start). */
const GRACE_MS = 5_000;

// Plain CommonJS, evaluated: the same code runs from src/ (tests) and dist/ (the CLI) without a file of its own.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { check } = require(workerData.recheck);
const { port, flag } = workerData;
const answered = new Int32Array(flag);
port.on("message", ({ id, source, flags, timeout }) => {
  check(source, flags, { timeout }).then(
    (result) => reply({ id, result }),
    (error) => reply({ id, error: String((error && error.message) || error) }),
  );
});
function reply(message) {
  port.postMessage(message);
  Atomics.store(answered, 0, 1);
  Atomics.notify(answered, 0);
}
`;

export type CheckAnswer = { result: Diagnostics } | { error: string };

class RegexChecker {
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        recheck: createRequire(import.meta.url).resolve("recheck"),
        port: port2,
        flag: this.answered.buffer,
      },
      transferList: [port2],
    });
    // Neither keeps the process alive: the bot or `qunguan check` ends when its own work is done.
    worker.unref();
    port1.unref();
    this.port = port1;
  }

  check(source: string, flags: string, timeoutMs: number, graceMs: number): CheckAnswer {
    const id = this.nextId++;
    Atomics.store(this.answered, 0, 0);
    this.port.postMessage({ id, source, flags, timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs + graceMs;
    for (;;) {
      // Answers to earlier checks that were given up on may still arrive: skip them.
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as { id: number } & CheckAnswer;
        if (answer.id === id) return answer;
      }
      const left = deadline - Date.now();
      if (left <= 0) return { error: "the regular expression checker did not answer" };
      Atomics.wait(this.answered, 0, 0, left);
      Atomics.store(this.answered, 0, 0);
    }
  }
}

let checker: RegexChecker | undefined;

/** Analyses a pattern; never waits longer than `timeoutMs` plus `graceMs`. */
export function checkRegex(
  source: string,
  flags: string,
  timeoutMs: number,
  graceMs = GRACE_MS,
): CheckAnswer {
  checker ??= new RegexChecker();
  return checker.check(source, flags, timeoutMs, graceMs);
}
