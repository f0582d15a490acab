// Before a row: one request exactly as wrk will send it, which must answer 2xx with the right
// body, so that a row never measures how fast a server says no.
'use strict';
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { bytesPerRequest } = require('./scenarios');

/** One request on a fresh connection: resolves { status, body }. */
function send(url, method, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false, timeout: 60_000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.once('timeout', () => request.destroy(new Error(`no answer to ${method} ${url} within 60 s`)));
    request.once('error', reject);
    request.end(body);
  });
}

/** Sends `method` `target` to `origin` (with a body for PUT rows) and throws unless the answer is right. */
async function checkAnswer(server, scenario, target) {
  const body = scenario.newKeys === undefined ? undefined : Buffer.alloc(scenario.newKeys.size, 'b');
  const response = await send(`${server.origin}${target}`, scenario.method, body);
  const problem = (what) =>
    new Error(`${server.name} answered ${scenario.label} wrongly (${what}): ${scenario.method} ${target} -> ${response.status}\n${response.body.subarray(0, 500)}`);
  if (response.status < 200 || response.status > 299) throw problem('not 2xx');
  const reads = scenario.object !== undefined && scenario.method === 'GET';
  if (reads && response.body.length !== bytesPerRequest(scenario)) throw problem(`${response.body.length} bytes`);
  if (scenario.list !== undefined) {
    const keys = response.body.toString().split('<Key>').length - 1;
    if (keys !== scenario.list.keys) throw problem(`${keys} keys listed`);
  }
}

/** Whether wrk saw any answer of 400 or more, or any socket error. */
const hasErrors = (errors) => Object.values(errors).some((count) => count > 0);

/**
 * Throws for a run with errors; `failures` (lines from a run that reported them) say what the
 * server answered.
 */
function failRow(server, scenario, errors, failures) {
  const seen = failures.length > 0 ? `\nanswers seen in a second run:\n${failures.join('\n')}` : '';
  throw new Error(`${server.name}: ${scenario.label} had errors under load: ${JSON.stringify(errors)}${seen}`);
}

module.exports = { checkAnswer, hasErrors, failRow };
