import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTION_SPECS } from '../../../src/config';

// docs/configuration.md is the operator's reference: an option missing there does not exist for them.
describe('docs/configuration.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');

  it.each(OPTION_SPECS.map((spec) => [spec.long, spec] as const))('documents %s with its variables', (_long, spec) => {
    // A backend's flag may repeat a global one (the s3 command's --access): its row is the one with its variables.
    const rows = doc.split('\n').filter((line) => line.startsWith(`| \`${spec.long}\` |`));
    expect(rows.some((row) => spec.env.every((envName) => row.includes(`\`${envName}\``)))).toBe(true);
  });
});
