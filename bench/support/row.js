// One row on one server: check the answer, warm up, then the measured wrk run with the server's
// CPU and peak memory watched over it. A run with errors fails the row, after a second short run
// that records what the server answered.
'use strict';
const { checkAnswer, hasErrors, failRow } = require('./answer-check');
const { execFileSync } = require('node:child_process');
const { watchUsage, waitUntilIdle } = require('./proc-usage');
const { MiB, bytesPerRequest, rowSeconds, targetsFor } = require('./scenarios');
const { runWrk, spareTargets } = require('./wrk');

const DIAGNOSIS_SECONDS = 2;

/**
 * Lets the server finish what a stopped wrk left in flight and the kernel write back what earlier
 * rows left dirty: nginx does its file I/O in its one worker, and a PUT row right after another
 * server's measured at a tenth of its speed without this.
 */
async function quiesce(server) {
  execFileSync('sync');
  await waitUntilIdle(server.child.pid);
}

/**
 * MiB/s of a row of large transfers. wrk counts only the requests completed within its duration,
 * and a 64 MiB transfer can take seconds: transfers in flight at the end would be lost. Each
 * connection always has one transfer in flight (a closed loop), so by Little's law it moves one
 * object per mean latency: connections × size ÷ mean latency, over every completed transfer.
 */
function bigThroughput(scenario, result) {
  if (result.requests === 0) return NaN;
  return (scenario.connections * bytesPerRequest(scenario)) / MiB / (result.meanMs / 1000);
}

/**
 * Runs `scenario` against `server` (with its presigner `sign`, for S3 servers) and resolves
 * { throughput, p50Ms, p99Ms, serverCpuPercent, othersOnCorePercent, peakRssBytes,
 * generatorCpuPercent, seconds, requests }.
 * `pinned`: false runs the generator on any core (the workers table).
 */
async function runRow({ scenario, server, sign, seconds, warmup, dir, pinned = true }) {
  const targets = targetsFor(scenario, server, sign);
  const spare = spareTargets(scenario.connections);
  const signed = (phase, phaseSeconds) => targets(phase, phaseSeconds, spare);
  const load = (phase, phaseTargets, phaseSeconds, reportFailures = false) =>
    runWrk({
      origin: server.origin,
      targets: phaseTargets,
      method: scenario.method,
      bodyBytes: scenario.newKeys?.size ?? 0,
      connections: scenario.connections,
      seconds: phaseSeconds,
      dir,
      name: `${server.name}-${scenario.id}-${phase}`,
      pinned,
      reportFailures,
    });
  const failIfErrors = async (errors) => {
    if (!hasErrors(errors)) return;
    const diagnosis = await load('diagnosis', await signed('diagnosis', DIAGNOSIS_SECONDS), DIAGNOSIS_SECONDS, true);
    failRow(server, scenario, errors, diagnosis.failures);
  };

  await checkAnswer(server, scenario, (await targets('check', 0, 0))[0]);
  if (warmup > 0) await failIfErrors((await load('warm', await signed('warm', warmup), warmup)).errors);
  // Signed before the watch starts: signing is the bench's work, not the server's.
  const runSeconds = rowSeconds(scenario, seconds);
  const runTargets = await signed('run', runSeconds);
  await quiesce(server);
  const stopWatching = watchUsage(server.child.pid, server.core);
  const result = await load('run', runTargets, runSeconds);
  const usage = stopWatching();
  await quiesce(server);
  await failIfErrors(result.errors);
  return {
    throughput: scenario.unit === 'MiB/s' ? bigThroughput(scenario, result) : result.requests / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    // Over wrk's own duration: the server idles while wrk starts and reads its targets.
    serverCpuPercent: (100 * usage.cpuSeconds) / result.seconds,
    othersOnCorePercent: usage.othersOnCorePercent,
    peakRssBytes: usage.peakRssBytes,
    generatorCpuPercent: result.generatorCpuPercent,
    seconds: result.seconds,
    requests: result.requests,
  };
}

module.exports = { runRow };
