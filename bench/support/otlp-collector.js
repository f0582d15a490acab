// An OTLP/gRPC trace collector for the benches: takes every export and answers at once without
// decoding it (its CPU is the bench's, on the generator's core), counting exports and bytes.
'use strict';
const { Buffer } = require('node:buffer');

async function startCollector() {
  const grpc = require('@grpc/grpc-js');
  const server = new grpc.Server();
  const raw = (value) => value;
  const counts = { exports: 0, bytes: 0 };
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    {
      Export(call, callback) {
        counts.exports += 1;
        counts.bytes += call.request.length;
        callback(null, Buffer.alloc(0));
      },
    },
  );
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { endpoint: `127.0.0.1:${port}`, counts, close: () => server.forceShutdown() };
}

module.exports = { startCollector };
