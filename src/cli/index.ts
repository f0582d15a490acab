export { processIo, USAGE_EXIT_CODE, type CliIo } from './cli-io';
export { buildProgram, type CommandRegistrar, type GatewayHandlers, type ProgramOptions } from './program';
export { runCli } from './run-cli';
