import cluster, { type Worker } from 'node:cluster';
import { isWorkerMessage, type StartMessage, type WorkerMessage } from './cluster-messages';

export interface SupervisorLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SupervisorOptions {
  count: number;
  /** The script each worker runs (dist/cluster/cluster-worker.js). */
  exec: string;
  /** What worker `index` (1 to count) is told to serve. */
  startMessage(index: number): StartMessage;
  log: SupervisorLog;
}

/** One of the `count` places a worker fills; a replacement takes the place of the worker it replaces. */
interface Slot {
  readonly index: number;
  worker: Worker | undefined;
  /** The current worker said it serves. */
  serving: boolean;
  /** Some worker of this slot served since the primary started. */
  everServed: boolean;
  /** Why the current worker could not start, as it said before exiting. */
  failure: string | undefined;
  /** Before the next try after a replacement that failed to start; doubles each time. */
  retryDelayMs: number;
  retryTimer: NodeJS.Timeout | undefined;
}

const FIRST_RETRY_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Forks the workers, answers their hello with what to serve, replaces any that dies (kill -9, a
 * crash) while the others keep serving, and drains them all on stop(). A worker that cannot
 * start at the primary's own start-up fails the start (a port in use, a bad certificate: the
 * same cause would fail every try); a replacement that cannot start is tried again, less often
 * each time, so a passing fault (memory, file descriptors) heals without spinning.
 */
export class WorkerSupervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private startup: { resolve(): void; reject(error: Error): void } | undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.slots = Array.from({ length: options.count }, (_, i) => ({
      index: i + 1,
      worker: undefined,
      serving: false,
      everServed: false,
      failure: undefined,
      retryDelayMs: FIRST_RETRY_DELAY_MS,
      retryTimer: undefined,
    }));
  }

  /** Resolves when every worker serves; rejects when one could not start (call stop() then). */
  start(): Promise<void> {
    // No args: the workers take their configuration from the primary, not from a command line.
    cluster.setupPrimary({ exec: this.options.exec, args: [] });
    return new Promise<void>((resolve, reject) => {
      this.startup = { resolve, reject };
      for (const slot of this.slots) this.fork(slot);
    });
  }

  /** The pids of the workers now alive, by slot. */
  pids(): number[] {
    return this.slots.flatMap((slot) => (slot.worker?.process.pid === undefined ? [] : [slot.worker.process.pid]));
  }

  /** The workers that said they serve, with their places (for the metrics' `worker` label). */
  servingWorkers(): { index: number; worker: Worker }[] {
    return this.slots.flatMap((slot) => (slot.serving && slot.worker ? [{ index: slot.index, worker: slot.worker }] : []));
  }

  /**
   * Passes a signal on to every serving worker (SIGHUP: reopen the access log). Not to one still
   * starting: it has no handler yet, and the signal's default would end it.
   */
  signal(signal: NodeJS.Signals): void {
    for (const { worker } of this.servingWorkers()) {
      if (!worker.isDead()) worker.process.kill(signal);
    }
  }

  /**
   * SIGTERM to every worker, each of which finishes its requests in flight, writes its last
   * history rows and exits; resolves once all have exited, with false when one of those that
   * served did not exit cleanly. No worker is replaced from here on.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    const exits = this.slots.map(async (slot) => {
      clearTimeout(slot.retryTimer);
      const worker = slot.worker;
      if (!worker || worker.isDead()) return true;
      const serving = slot.serving;
      const exited = new Promise<[number | null, string | null]>((resolve) => worker.once('exit', (code: number | null, signal: string | null) => resolve([code, signal])));
      worker.process.kill('SIGTERM');
      const [code, signal] = await exited;
      // One killed before it served had nothing to drain.
      if (code === 0 || !serving) return true;
      this.options.log.error(`worker ${slot.index} (pid ${worker.process.pid}) ${howItEnded(code, signal, slot.failure)} while draining`);
      return false;
    });
    return (await Promise.all(exits)).every(Boolean);
  }

  private fork(slot: Slot): void {
    slot.retryTimer = undefined;
    slot.serving = false;
    slot.failure = undefined;
    const worker = cluster.fork();
    slot.worker = worker;
    worker.on('message', (message: unknown) => {
      if (isWorkerMessage(message)) this.heard(slot, worker, message);
    });
    worker.on('exit', (code: number | null, signal: string | null) => {
      // Node may report the exit before it has read the worker's last message (why it failed):
      // the channel's end comes after every message on it.
      if (worker.isConnected()) worker.once('disconnect', () => this.exited(slot, worker, code, signal));
      else this.exited(slot, worker, code, signal);
    });
    // An IPC send that fails (the worker just died) is followed by its exit, handled there.
    worker.on('error', (error: Error) => this.options.log.warn(`worker ${slot.index}: ${error.message}`));
  }

  private heard(slot: Slot, worker: Worker, message: WorkerMessage): void {
    if (slot.worker !== worker) return;
    switch (message.tracegw) {
      case 'hello':
        worker.send(this.options.startMessage(slot.index));
        return;
      case 'failed':
        slot.failure = message.reason;
        return;
      case 'serving': {
        const again = slot.everServed;
        slot.serving = true;
        slot.everServed = true;
        slot.retryDelayMs = FIRST_RETRY_DELAY_MS;
        if (again) this.options.log.log(`worker ${slot.index} serving again (pid ${worker.process.pid})`);
        if (this.startup && this.slots.every((s) => s.serving)) {
          this.startup.resolve();
          this.startup = undefined;
        }
        return;
      }
    }
  }

  private exited(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    const wasServing = slot.serving;
    slot.worker = undefined;
    slot.serving = false;
    if (this.stopping) return;
    const how = howItEnded(code, signal, slot.failure);
    const pid = worker.process.pid;
    if (this.startup && !slot.everServed) {
      this.startup.reject(new Error(`worker ${slot.index} (pid ${pid}) ${how} before serving`));
      this.startup = undefined;
      return;
    }
    if (wasServing) {
      this.options.log.warn(`worker ${slot.index} (pid ${pid}) ${how}: starting a new one`);
      this.fork(slot);
      return;
    }
    const delay = slot.retryDelayMs;
    slot.retryDelayMs = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    this.options.log.warn(`worker ${slot.index} (pid ${pid}) ${how} before serving: trying again in ${delay / 1000} s`);
    slot.retryTimer = setTimeout(() => this.fork(slot), delay);
  }
}

function howItEnded(code: number | null, signal: string | null, failure: string | undefined): string {
  const ended = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return failure ? `${ended} (${failure})` : ended;
}
