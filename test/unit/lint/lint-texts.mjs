// Lints source texts as if they were files of the project, with the project's own
// eslint.config.mjs, and prints each text's messages as JSON. Run in a process of its own: ESLint
// loads that config with import(), which jest's module sandbox does not allow.
// stdin: [{ "filePath": "src/…", "text": "…" }, …]; stdout: [[{ "ruleId", "message" }, …], …].
import { text } from 'node:stream/consumers';
import { ESLint } from 'eslint';

const texts = JSON.parse(await text(process.stdin));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, text: source } of texts) {
  const [result] = await eslint.lintText(source, { filePath });
  results.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
