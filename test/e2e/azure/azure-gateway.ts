import type { GatewayConfig } from '../../../src/config/gateway-config';
import { type RunningGateway, startGateway } from '../support/gateway';
import { type RunningAzurite, startAzurite } from '../support/azurite';

export interface AzureGateway {
  azurite: RunningAzurite;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

/** The in-process gateway with the azure backend, in front of a fresh Azurite. */
export async function startAzureGateway(extra: (root: string) => Partial<GatewayConfig> = () => ({})): Promise<AzureGateway> {
  const azurite = await startAzurite();
  try {
    const gateway = await startGateway((root) => ({ backend: azurite.backend, ...extra(root) }));
    return {
      azurite,
      gateway,
      async stop() {
        await gateway.stop();
        await azurite.stop();
      },
    };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}
