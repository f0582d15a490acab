import { type Context, type ContextManager, context, ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * The context manager the gateway registers: OpenTelemetry's AsyncLocalStorage one (Sentry's
 * subclass of it when Sentry is on), switched off whenever no recorded request is in flight.
 *
 * Why: on Node 20 an enabled AsyncLocalStorage runs promise hooks (init, before, after) for every
 * promise and callback of the process, whichever request it belongs to. At --otel-sample-rate 0.01
 * the first sampled request would otherwise leave every later request paying them, about 30 µs of
 * a 4 KiB GET's 170 (docs/tracing.md, "Performance impact"). Requests the sampler dropped need no
 * context (their children are never made, see with-span.ts), so the storage only has to be on
 * while a recorded one runs; `with` switches it back on for the next.
 *
 * Nothing else relies on the context outliving a recorded request: the span pipeline's exports run
 * under a suppress-tracing context that only instrumentations read, and tracegw registers none.
 */
export class RecordedRequestContextManager implements ContextManager {
  private inFlight = 0;

  constructor(private readonly inner: ContextManager) {}

  active(): Context {
    return this.inner.active();
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.inner.with(ctx, fn, thisArg, ...args);
  }

  bind<T>(ctx: Context, target: T): T {
    return this.inner.bind(ctx, target);
  }

  enable(): this {
    this.inner.enable();
    return this;
  }

  disable(): this {
    this.inFlight = 0;
    this.inner.disable();
    return this;
  }

  /** Whether a recorded request is running, so that the storage is on. */
  get inUse(): boolean {
    return this.inFlight > 0;
  }

  /** A recorded request starts; its context follows it until `requestEnded`. */
  requestStarted(): void {
    this.inFlight += 1;
  }

  /** A recorded request's response has gone; the last one switches the storage off. */
  requestEnded(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.inner.disable();
  }
}

let registered: RecordedRequestContextManager | undefined;

/** Wraps the context manager the SDK is about to register; the tracing start-up calls it. */
export function recordedRequestContextManager(inner: ContextManager): RecordedRequestContextManager {
  registered = new RecordedRequestContextManager(inner);
  return registered;
}

/** Forgets it; the tracing shutdown calls it. */
export function forgetRecordedRequestContextManager(): void {
  registered = undefined;
}

/** Runs a recorded request in its context, and keeps the storage on until `end` is called. */
export function runRecorded<A extends unknown[], R>(ctx: Context, fn: (...args: A) => R, ...args: A): R {
  registered?.requestStarted();
  return context.with(ctx, fn, undefined, ...args);
}

/** Ends what `runRecorded` started (the response has gone out). */
export function recordedRequestEnded(): void {
  registered?.requestEnded();
}

/**
 * Runs a request the sampler dropped. While the storage is off it runs untouched: nothing reads a
 * context then. While a recorded request keeps it on, it runs in the empty context, so that no
 * context left on a resource by an earlier recorded request can make it look recorded.
 */
export function runUnrecorded<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
  if (registered?.inUse) return context.with(ROOT_CONTEXT, fn, undefined, ...args);
  return fn(...args);
}
