// The HTTP transport of @opentelemetry/otlp-exporter-base is a subpath export ('./node-http'),
// which TypeScript's "node" module resolution (tsconfig.json) does not read: its types, named here.
declare module '@opentelemetry/otlp-exporter-base/node-http' {
  export * from '@opentelemetry/otlp-exporter-base/build/src/index-node-http';
}
