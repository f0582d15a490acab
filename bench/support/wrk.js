// The load generator: wrk (one thread, keep-alive connections) pinned to the generator's core,
// replaying pre-made request targets, with its own CPU use measured so that a row can show the
// generator was not the limit.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ALL_CORES, CORES, start } = require('./children');
const { waitedChildrenCpuSeconds } = require('./proc-usage');

const WRK = '/usr/bin/wrk';

/** Whether wrk can be run here. */
const wrkPresent = () => spawnSync(WRK, ['--version']).error === undefined;

// One target (GET, HEAD of one object) is a static request: wrk formats it once. Many targets
// (PUT to new keys) are taken in turn, one per request; the thread stops once `limit` of them are
// used. Requests already asked for when it stops take the spare targets after the limit, so that
// no target is sent twice.
const LUA_COMMON = `
local targets, count, used, limit = {}, 0, 0, 0
function init(args)
  for line in io.lines(args[1]) do count = count + 1; targets[count] = line end
  wrk.method = args[2]
  local body = tonumber(args[3])
  if body > 0 then wrk.body = string.rep("b", body) end
  limit = tonumber(args[4])
  wrk.path = targets[1]
end
function done(summary, latency)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50Us":%d,"p99Us":%d,"meanUs":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
`;
const LUA_CYCLE = `
function request()
  used = used + 1
  if used >= limit then wrk.thread:stop() end
  if used > count then used = count end
  return wrk.format(nil, targets[used])
end
`;

// Only for explaining a failed row (parsing every answer in Lua slows wrk down): the first few
// answers that were not 2xx, with the start of their bodies.
const LUA_REPORT_FAILURES = `
local reported = 0
function response(status, headers, body)
  if (status < 200 or status > 299) and reported < 3 then
    reported = reported + 1
    io.write("WRK_FAILED ", status, " ", ((body or ""):sub(1, 300):gsub("\\n", " ")), "\\n")
  end
end
`;

/** Spare targets a cycling run needs beyond its limit (requests asked for while the thread stops). */
const spareTargets = (connections) => 2 * connections;

/**
 * Runs wrk against `origin` for `seconds` with `targets` (paths with their query: one for a
 * static request, or many, each used once), `method`, a body of `bodyBytes`. Resolves
 * { requests, seconds, bytes, p50Ms, p99Ms, meanMs, errors, generatorCpuPercent }. `pinned`: on the
 * generator's core (false: wherever the kernel puts it). `reportFailures`: also resolve
 * `failures`, lines describing the first answers that were not 2xx.
 */
async function runWrk({ origin, targets, method, bodyBytes = 0, connections, seconds, dir, name, pinned = true, reportFailures = false }) {
  const cycling = targets.length > 1;
  const limit = cycling ? targets.length - spareTargets(connections) : 1;
  if (limit < 1) throw new Error(`${name}: ${targets.length} targets are too few for ${connections} connections`);
  const script = join(dir, `${name}.lua`);
  const targetsFile = join(dir, `${name}.targets`);
  const statFile = join(dir, `${name}.stat`);
  writeFileSync(script, LUA_COMMON + (cycling ? LUA_CYCLE : '') + (reportFailures ? LUA_REPORT_FAILURES : ''));
  writeFileSync(targetsFile, `${targets.join('\n')}\n`);
  const scriptArgs = [targetsFile, method, String(bodyBytes), String(limit)];
  const wrkArgs = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '60s', '--latency', '-s', script, origin, '--', ...scriptArgs];
  // wrk runs under a shell that, once it has waited for wrk, saves its own /proc stat: its
  // cutime + cstime are then exactly the CPU wrk used, read after wrk's last instruction.
  const wrapper = 'wrk "$@"; status=$?; cat /proc/$$/stat > "$0"; exit $status';
  const startedAt = process.hrtime.bigint();
  const child = start(pinned ? CORES?.generator : ALL_CORES, 'sh', ['-c', wrapper, statFile, ...wrkArgs], { output: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const wallSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const line = output.split('\n').find((text) => text.startsWith('WRK_RESULT '));
  if (code !== 0 || line === undefined) throw new Error(`${name}: wrk failed (exit ${code}):\n${output}`);
  const result = JSON.parse(line.slice('WRK_RESULT '.length));
  return {
    requests: result.requests,
    seconds: result.durationUs / 1e6,
    bytes: result.bytes,
    p50Ms: result.p50Us / 1000,
    p99Ms: result.p99Us / 1000,
    meanMs: result.meanUs / 1000,
    errors: { status: result.status, connect: result.connect, read: result.read, write: result.write, timeout: result.timeout },
    generatorCpuPercent: (100 * waitedChildrenCpuSeconds(readFileSync(statFile, 'utf8'))) / wallSeconds,
    failures: output.split('\n').filter((text) => text.startsWith('WRK_FAILED ')),
  };
}

module.exports = { runWrk, wrkPresent, spareTargets };
