import type { OperationSink } from './record-operations';

/**
 * One sink of many: the history, the metrics and the access log all take their share of the
 * same 'close' listener, so a request gains no listener per consumer. One sink is returned as
 * it is; `arrived` exists only when some sink counts arrivals (the recorder checks once).
 */
export function fanOutSink(sinks: readonly OperationSink[]): OperationSink {
  if (sinks.length === 1) return sinks[0];
  const fanOut: OperationSink = {
    enqueue(record, request) {
      for (const sink of sinks) sink.enqueue(record, request);
    },
  };
  const counting = sinks.filter((sink) => sink.arrived !== undefined);
  if (counting.length > 0) {
    fanOut.arrived = () => {
      for (const sink of counting) sink.arrived?.();
    };
  }
  return fanOut;
}
