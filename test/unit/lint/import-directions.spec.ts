import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * The import-directions rule of eslint.config.mjs (lint/import-directions.mjs), run by ESLint
 * itself over texts placed, by file name, in the folders the layers live in: what design.md
 * forbids is reported, what it allows is not. The real tree is linted by `npm run lint`.
 */
const ROOT = join(__dirname, '..', '..', '..');
const RULE = 'tracegw/import-directions';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

function lintTexts(texts: ReadonlyArray<{ filePath: string; text: string }>): Promise<LintMessage[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'lint-texts.mjs')], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as LintMessage[][]);
    });
    child.stdin?.end(JSON.stringify(texts));
  });
}

const forbidden = [
  {
    what: 'telemetry importing the S3 HTTP layer',
    filePath: 'src/telemetry/fixture.ts',
    text: "import { resolveS3Request } from '../s3/http/resolve-request';\nexport const resolve = resolveS3Request;\n",
    says: 'src/telemetry/fixture may not import src/s3/http/resolve-request: nothing imports HTTP',
  },
  {
    what: 'errors reaching http by the short relative path',
    filePath: 'src/s3/errors/fixture.ts',
    text: "export { errorXml } from '../http/xml/error-xml';\n",
    says: 'src/s3/errors/fixture may not import src/s3/http/xml/error-xml',
  },
  {
    what: 'the request state naming a journal type through import()',
    filePath: 'src/request/fixture.ts',
    text: "export type Stored = import('../journal/event').StoredEvent;\n",
    says: 'src/request/fixture may not import src/journal/event: telemetry, errors, config and the request state are leaves',
  },
  {
    what: 'a backend importing an operation',
    filePath: 'src/backends/posix/fixture.ts',
    text: "import type { S3Command } from '../../operations/s3-command';\nexport type Command = S3Command<void>;\n",
    says: 'src/backends/posix/fixture may not import src/operations/s3-command: backends and the journal are the bottom of the stack',
  },
  {
    what: 'the journal requiring a multipart projection',
    filePath: 'src/journal/fixture.ts',
    text: "export const uploads = require('../multipart/uploads.projection');\n",
    says: 'src/journal/fixture may not import src/multipart/uploads.projection',
  },
  {
    what: 'the CLI importing an admin controller',
    filePath: 'src/cli/admin/fixture.ts',
    text: "export * from '../../admin/buckets/bucket-admin.controller';\n",
    says: 'src/cli/admin/fixture may not import src/admin/buckets/bucket-admin.controller: nothing imports HTTP',
  },
  {
    what: 'an operation reaching back into start-up code',
    filePath: 'src/operations/fixture.ts',
    text: "import { createApp } from '../app.factory';\nexport const create = createApp;\n",
    says: 'src/operations/fixture may not import src/app.factory: start-up code composes the layers',
  },
];

const allowed = [
  {
    what: 'HTTP using operations, backends, errors and the request state',
    filePath: 'src/s3/http/fixture.ts',
    text: [
      "import { S3CommandBus } from '../../operations/s3-command-bus';",
      "import { BACKEND } from '../../backends/backend';",
      "import { S3Error } from '../errors/s3-error';",
      "import type { S3RequestState } from '../../request/request-state';",
      'export const used = [S3CommandBus, BACKEND, S3Error];',
      'export type State = S3RequestState;',
      '',
    ].join('\n'),
  },
  {
    what: 'a composition root wiring the S3 HTTP module',
    filePath: 'src/gateway.module.ts',
    text: "export { S3HttpModule } from './s3/http/s3-http.module';\n",
  },
  {
    what: 'a backend using errors and telemetry',
    filePath: 'src/backends/posix/fixture.ts',
    text: "import { S3Error } from '../../s3/errors/s3-error';\nimport { withSpan } from '../../telemetry/with-span';\nexport const used = [S3Error, withSpan];\n",
  },
  {
    what: 'a leaf using another leaf and a package',
    filePath: 'src/telemetry/fixture.ts',
    text: "import { Logger } from '@nestjs/common';\nimport type { GatewayConfig } from '../config/gateway-config';\nexport const used = Logger;\nexport type Config = GatewayConfig;\n",
  },
];

describe('import directions (eslint.config.mjs)', () => {
  let results: LintMessage[][];
  beforeAll(async () => {
    results = await lintTexts([...forbidden, ...allowed]);
  }, 60_000);

  it.each(forbidden.map((fixture, index) => [fixture.what, index, fixture.says] as const))('reports %s', (_what, index, says) => {
    const reports = results[index].filter((m) => m.ruleId === RULE);
    expect(reports).toHaveLength(1);
    expect(reports[0].message).toContain(says);
  });

  it.each(allowed.map((fixture, index) => [fixture.what, forbidden.length + index] as const))('allows %s', (_what, index) => {
    expect(results[index]).toEqual([]);
  });
});
