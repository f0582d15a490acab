import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTION_SPECS } from '../../../src/config';

// docs/configuration.md is the operator's reference: an option missing there does not exist for them.
describe('docs/configuration.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');

  it.each(OPTION_SPECS.map((spec) => [spec.long, spec] as const))('documents %s with its variables', (_long, spec) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${spec.long}\` |`));
    expect(row).toBeDefined();
    for (const envName of spec.env) expect(row).toContain(`\`${envName}\``);
  });
});
