import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import tracegwLint from './lint/import-directions.mjs';

// design.md: imports flow one way, http → operations → backends / journal ports; telemetry, errors,
// config and the request's state are leaves everyone may use; nothing imports http. The groups
// name those layers (README, "Layout of the code"); `directions` says what each may not import.
const HTTP = ['src/s3/http/**', 'src/admin/http/**', 'src/admin/*/*.controller.ts'];
/** The Nest modules and factory that assemble the app: they alone wire HTTP to the rest. */
const ROOTS = ['src/main.ts', 'src/app.factory.ts', 'src/gateway.module.ts', 'src/admin/admin.module.ts'];
/** What starts and stops processes around the app: the CLI, the cluster, the listeners. */
const STARTUP = ['src/gateway-services.ts', 'src/cli/**', 'src/cluster/**', 'src/server/**', 'src/admin/admin-listener.ts'];
const OPERATIONS = ['src/operations/**'];
const PORTS = ['src/backends/**', 'src/journal/**'];
/** Built on the ports: IAM and multipart projections and recovery, versions' journal, buckets' CORS rules, access rules, the admin API. */
const ON_PORTS = ['src/iam/**', 'src/multipart/**', 'src/versioning/**', 'src/cors/**', 'src/s3/access/**', 'src/admin/**'];
const LEAVES = ['src/telemetry/**', 'src/s3/errors/**', 'src/config/**', 'src/request/**'];

const directions = [
  {
    files: ['src/**'],
    except: [...HTTP, ...ROOTS],
    mayNotImport: HTTP,
    because: 'nothing imports HTTP (controllers, routes, guards, filters) but HTTP itself and the composition roots',
  },
  {
    files: ['src/**'],
    except: [...ROOTS, ...STARTUP],
    mayNotImport: [...ROOTS, ...STARTUP],
    because: 'start-up code composes the layers; no layer reaches back into it',
  },
  { files: OPERATIONS, mayNotImport: ['src/admin/**'], because: 'operations sit under HTTP and the admin API, on the ports' },
  { files: PORTS, mayNotImport: [...OPERATIONS, ...ON_PORTS], because: 'backends and the journal are the bottom of the stack: they import no layer built on them' },
  {
    files: LEAVES,
    mayNotImport: [...OPERATIONS, ...PORTS, 'src/multipart/**', 'src/versioning/**', 'src/s3/access/**', 'src/admin/**'],
    because: 'telemetry, errors, config and the request state are leaves: every layer uses them, they use no layer',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/build/**', 'coverage/**', 'data/**', '.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The console's page (docs/console.md): plain ES modules that the browser runs as they are.
    files: ['src/admin/console/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', Node: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { tracegw: tracegwLint },
    rules: { 'tracegw/import-directions': ['error', { root: import.meta.dirname, directions }] },
  },
);
