export { ConfigError } from './config-error';
export {
  JOURNAL_FILE_NAME,
  ROOT_CREDENTIALS_FILE_NAME,
  STATE_DIR_NAME,
  type AzureBackendConfig,
  type BackendConfig,
  type ConfigNotes,
  type GatewayConfig,
  type ListenAddress,
  type OtelConfig,
  type PosixBackendConfig,
  type S3ProxyBackendConfig,
  type SentryConfig,
  type TlsConfig,
} from './gateway-config';
export { OPTION_SPECS, helpDescription, optionSpec, type OptionKey, type OptionSpec } from './option-specs';
export { resolveGatewayConfig, type ConfigInput, type FlagValues, type ResolvedConfig } from './resolve-config';
export { generateRootCredentials, loadOrCreateRootCredentials, type RootCredentials } from './root-credentials';
