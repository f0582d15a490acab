import { exportTarget } from '../../../src/telemetry/otlp-exporter';

describe('exportTarget', () => {
  const grpc = { useHttp: false, insecure: false };
  const http = { useHttp: true, insecure: false };

  it('sends gRPC over TLS to host:port unless --otel-insecure', () => {
    expect(exportTarget({ ...grpc, endpoint: 'localhost:4317' })).toEqual({ protocol: 'grpc', url: 'https://localhost:4317' });
    expect(exportTarget({ ...grpc, endpoint: 'localhost:4317', insecure: true })).toEqual({ protocol: 'grpc', url: 'http://localhost:4317' });
  });

  it('posts OTLP/HTTP protobuf to <endpoint>/v1/traces, over TLS unless --otel-insecure', () => {
    expect(exportTarget({ ...http, endpoint: 'localhost:4318' })).toEqual({ protocol: 'http/protobuf', url: 'https://localhost:4318/v1/traces' });
    expect(exportTarget({ ...http, endpoint: 'localhost:4318', insecure: true }).url).toBe('http://localhost:4318/v1/traces');
  });

  it('keeps the scheme and path of an endpoint given as a URL', () => {
    expect(exportTarget({ ...grpc, endpoint: 'http://collector:4317', insecure: false }).url).toBe('http://collector:4317');
    expect(exportTarget({ ...http, endpoint: 'https://otlp.example.com/otlp' }).url).toBe('https://otlp.example.com/otlp/v1/traces');
    expect(exportTarget({ ...http, endpoint: 'https://api.honeycomb.io/v1/traces/' }).url).toBe('https://api.honeycomb.io/v1/traces');
    expect(exportTarget({ ...http, endpoint: 'http://127.0.0.1:4318/', insecure: false }).url).toBe('http://127.0.0.1:4318/v1/traces');
  });
});
