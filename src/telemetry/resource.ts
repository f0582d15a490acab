import { detectResources, envDetector, hostDetector, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { OtelConfig } from '../config/gateway-config';
import { packageVersion } from '../package-version';

/** The guide's environment tag; the current semantic conventions call it deployment.environment.name. */
const DEPLOYMENT_ENVIRONMENT = 'deployment.environment';
const DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';

/**
 * Who sends the spans: service.name, service.version and the environment, over what
 * OTEL_RESOURCE_ATTRIBUTES and the host add (our options win on the same name). No process
 * detector: it would copy the command line, --secret included, into every export.
 */
export async function gatewayResource(otel: Pick<OtelConfig, 'serviceName' | 'environment'>): Promise<Resource> {
  const detected = detectResources({ detectors: [envDetector, hostDetector] });
  const resource = detected.merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: otel.serviceName,
      [ATTR_SERVICE_VERSION]: packageVersion(),
      [DEPLOYMENT_ENVIRONMENT]: otel.environment,
      [DEPLOYMENT_ENVIRONMENT_NAME]: otel.environment,
    }),
  );
  // Settled before the first span, so no export ever waits on a detector.
  await resource.waitForAsyncAttributes?.();
  return resource;
}
