export { AzureBackend } from './azure-backend';
