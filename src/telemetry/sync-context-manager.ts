import { type Context, type ContextManager, ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * The OpenTelemetry context manager tracegw registers: a context is active for the synchronous run
 * of `with` and nothing more, so no async hook and no AsyncLocalStorage is ever switched on.
 *
 * Why: on Node 20 an AsyncLocalStorage that is on runs promise hooks (init, before, after) for every
 * promise and callback of the process, whichever request it belongs to, which cost a 4 KiB GET about
 * 13 % of its throughput, and at --otel-sample-rate 0.01 it was on whenever one recorded request was
 * in flight (docs/tracing.md, "Performance impact"). tracegw's spans do not need it: each layer
 * hands the span its work goes under to the next one (with-span.ts, SpanParent). What reads the
 * active context still gets a coherent answer: the one `with` set while it runs, else the root.
 */
export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  /** A function runs in the context it was bound to (synchronously, as `with`); other targets are returned as they are. */
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    return boundTo(this, ctx, target as unknown as (...args: unknown[]) => unknown) as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

function boundTo(manager: ContextManager, ctx: Context, run: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function bound(this: unknown, ...args: unknown[]) {
    return manager.with(ctx, run, this, ...args);
  };
}
