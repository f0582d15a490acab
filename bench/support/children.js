// Child processes of the benchmark: started pinned to a core (when the machine has two or more),
// each in a process group of its own so that one signal ends it with its workers, and all of them
// ended when the benchmark ends, fails or is interrupted.
'use strict';
const { setTimeout } = require('node:timers');
const { execFileSync, spawn } = require('node:child_process');
const { availableParallelism } = require('node:os');

/** Cores of the machine, counted before this process pins itself (which would make it 1). */
const CORE_COUNT = availableParallelism();

/** Cores the servers and the load generator run on; undefined: the machine has one core, no pinning. */
const CORES = CORE_COUNT >= 2 ? { server: 0, generator: 1 } : undefined;

/** The cpu list of every core, for a child that must not inherit this process's pinning. */
const ALL_CORES = `0-${CORE_COUNT - 1}`;

const running = new Set();

/** `command args` through `taskset -c core` when `core` is given (a core number or a cpu list). */
function pinned(core, command, args) {
  return core === undefined ? [command, args] : ['taskset', ['-c', String(core), command, ...args]];
}

/**
 * Starts `command args` on `core` (a number or ALL_CORES; undefined: where this process runs) in
 * its own process group; `output` is 'ignore', 'pipe' or a file descriptor for stdout and stderr.
 * The child is remembered until it exits.
 */
function start(core, command, args, { env = process.env, output = 'ignore', cwd } = {}) {
  const [file, argv] = pinned(core, command, args);
  const child = spawn(file, argv, { env, cwd, detached: true, stdio: ['ignore', output, output] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Whether the child has not yet exited. */
const alive = (child) => child.exitCode === null && child.signalCode === null;

/** Signals a child's whole process group; a group already gone is no error. */
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: it has exited since.
  }
}

/** Ends a child and its group: SIGTERM, then SIGKILL after `graceMs` if it is still there. */
async function stop(child, graceMs = 3000) {
  if (!alive(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}

/** Ends every child still running. */
const stopAll = () => Promise.all([...running].map((child) => stop(child)));

/** Last resort when the process exits without having stopped them (an uncaught error). */
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/** Pins this process (all its threads) to the generator's core, so that sampling stays off the server's. */
function pinSelfToGenerator() {
  if (CORES === undefined) return;
  execFileSync('taskset', ['-a', '-p', '-c', String(CORES.generator), String(process.pid)], { stdio: 'ignore' });
}

module.exports = { CORES, CORE_COUNT, ALL_CORES, start, stop, stopAll, alive, pinSelfToGenerator };
