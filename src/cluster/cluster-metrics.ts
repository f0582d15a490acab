import cluster, { type Worker } from 'node:cluster';
import type { Registry } from 'prom-client';
import type { MetricSnapshot } from '../metrics/metric-object';
import { type MetricsSource, type MetricsView, type ProcessMetrics, perWorker, processMetrics, summed } from '../metrics/metrics-source';

/**
 * /metrics with --workers N > 1: a scrape lands on one worker (the ports are shared), yet it must
 * see the whole node. The primary gathers every serving worker's series over the cluster's IPC
 * channel and sums them (prom-client's AggregatorRegistry), or labels them by worker; a worker
 * that is asked asks the primary. Messages are tagged like the start-up ones (cluster-messages.ts)
 * and carry an id, since scrapes may overlap.
 */

/** primary → worker: your series, please. */
interface CollectMessage {
  readonly tracegw: 'metrics-collect';
  readonly id: number;
}

/** worker → primary: its series. */
interface CollectedMessage {
  readonly tracegw: 'metrics-collected';
  readonly id: number;
  readonly metrics: MetricSnapshot[];
}

/** worker → primary: a scrape arrived here; the node's text, please. */
interface ScrapeMessage {
  readonly tracegw: 'metrics-scrape';
  readonly id: number;
  readonly view: MetricsView;
}

/** primary → worker: the text, or why there is none. */
interface ScrapedMessage {
  readonly tracegw: 'metrics-scraped';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

/** A worker that does not answer within this is left out of the scrape (it is being replaced, say). */
const COLLECT_TIMEOUT_MS = 2000;
/** A worker gives up on its primary after this: Prometheus's own scrape timeout is 10 s by default. */
const SCRAPE_TIMEOUT_MS = 5000;

function tagged<T extends { tracegw: string }>(message: unknown, tag: T['tracegw']): message is T {
  return typeof message === 'object' && message !== null && (message as { tracegw?: unknown }).tracegw === tag;
}

export interface ServingWorker {
  readonly index: number;
  readonly worker: Worker;
}

/** The primary's side: gathers from the workers for its own --metrics-port and for the workers' --admin-port. */
export class PrimaryMetricsSource implements MetricsSource {
  private nextId = 1;
  private readonly pending = new Map<number, { expected: number; got: ProcessMetrics[]; done(): void }>();

  constructor(private readonly workers: () => readonly ServingWorker[]) {
    cluster.on('message', (worker: Worker, message: unknown) => this.heard(worker, message));
  }

  async scrape(view: MetricsView): Promise<string> {
    const processes = await this.collect();
    return view === 'node' ? summed(processes) : perWorker(processes);
  }

  private collect(): Promise<ProcessMetrics[]> {
    const workers = this.workers().filter(({ worker }) => worker.isConnected());
    const id = this.nextId++;
    return new Promise((resolve) => {
      const entry = {
        expected: workers.length,
        got: [] as ProcessMetrics[],
        done: () => {
          clearTimeout(timer);
          this.pending.delete(id);
          resolve(entry.got.sort((a, b) => a.index - b.index));
        },
      };
      const timer = setTimeout(entry.done, COLLECT_TIMEOUT_MS);
      this.pending.set(id, entry);
      if (workers.length === 0) return entry.done();
      const message: CollectMessage = { tracegw: 'metrics-collect', id };
      for (const { worker } of workers) worker.send(message);
    });
  }

  private heard(worker: Worker, message: unknown): void {
    if (tagged<CollectedMessage>(message, 'metrics-collected')) {
      const entry = this.pending.get(message.id);
      const index = this.workers().find((serving) => serving.worker === worker)?.index;
      if (!entry || index === undefined) return;
      entry.got.push({ index, metrics: message.metrics });
      if (entry.got.length === entry.expected) entry.done();
      return;
    }
    if (tagged<ScrapeMessage>(message, 'metrics-scrape')) {
      const answer = (reply: ScrapedMessage): void => {
        if (worker.isConnected()) worker.send(reply);
      };
      this.scrape(message.view).then(
        (text) => answer({ tracegw: 'metrics-scraped', id: message.id, text }),
        (error: unknown) => answer({ tracegw: 'metrics-scraped', id: message.id, error: String(error) }),
      );
    }
  }
}

/** A worker's side: hands its series to the primary, and asks the primary for the node's when scraped. */
export class WorkerMetricsSource implements MetricsSource {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ScrapedMessage) => void>();

  constructor(private readonly registry: Registry) {
    process.on('message', (message: unknown) => {
      if (tagged<CollectMessage>(message, 'metrics-collect')) {
        processMetrics(this.registry, 0).then(({ metrics }) => this.tell({ tracegw: 'metrics-collected', id: message.id, metrics }));
      } else if (tagged<ScrapedMessage>(message, 'metrics-scraped')) {
        this.pending.get(message.id)?.(message);
      }
    });
  }

  scrape(view: MetricsView): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle({ tracegw: 'metrics-scraped', id, error: 'the cluster primary did not answer' }), SCRAPE_TIMEOUT_MS);
      const settle = (reply: ScrapedMessage): void => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (reply.text !== undefined) resolve(reply.text);
        else reject(new Error(reply.error ?? 'no metrics'));
      };
      this.pending.set(id, settle);
      this.tell({ tracegw: 'metrics-scrape', id, view });
    });
  }

  private tell(message: CollectedMessage | ScrapeMessage): void {
    if (process.send && process.connected) process.send(message);
  }
}
