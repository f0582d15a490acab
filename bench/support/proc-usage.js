// What a process and its descendants (nginx's worker, the gateway's cluster workers) use during a
// measurement: CPU time from /proc/<pid>/stat (utime + stime) over the wall time, and the peak of
// their summed resident memory, polled from /proc/<pid>/status (VmRSS).
'use strict';
const { clearInterval, setInterval, setTimeout } = require('node:timers');
const { execFileSync } = require('node:child_process');
const { readFileSync, readdirSync } = require('node:fs');

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const POLL_MS = 50;

/** The fields of a /proc/<pid>/stat text after the command name (which may hold spaces). */
const fieldsOf = (text) => text.slice(text.lastIndexOf(')') + 2).split(' ');

/** The fields of /proc/<pid>/stat; undefined once the process is gone. */
function statFields(pid) {
  try {
    return fieldsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

// Indexes into statFields (stat(5) numbers fields from 1; state, field 3, is index 0 here).
const PPID = 1;
const UTIME = 11;
const STIME = 12;
const CUTIME = 13;
const CSTIME = 14;

const seconds = (fields, user, system) => (Number(fields[user]) + Number(fields[system])) / TICKS_PER_SECOND;

/** CPU seconds a process has used so far (0 once it is gone). */
function cpuSeconds(pid) {
  const fields = statFields(pid);
  return fields === undefined ? 0 : seconds(fields, UTIME, STIME);
}

/** CPU seconds of the children a process has waited for, from the text of its /proc/<pid>/stat. */
const waitedChildrenCpuSeconds = (statText) => seconds(fieldsOf(statText), CUTIME, CSTIME);

/** `pid` and every process below it, from one scan of /proc. */
function processTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields !== undefined) parents.set(Number(entry), Number(fields[PPID]));
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** Resident bytes of one process now (0 once gone). */
function residentBytes(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds core `core` has spent on processes (user, nice, system) and lost to the hypervisor
 * (steal), from /proc/stat; NaN for no core. Interrupt and softirq time is left out: on loopback
 * that is mostly the network work of the server's own connections.
 */
function coreBusySeconds(core) {
  if (typeof core !== 'number') return NaN;
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((text) => text.startsWith(`cpu${core} `));
  const [user, nice, system, , , , , steal] = line.split(/\s+/).slice(1).map(Number);
  return (user + nice + system + steal) / TICKS_PER_SECOND;
}

/**
 * Starts watching `pid`'s tree (as it is now), pinned to `core` (a number, or undefined); the
 * returned function stops and resolves { cpuSeconds, cpuPercent (of the watched wall time),
 * othersOnCorePercent (what else kept that core busy: other processes, the hypervisor),
 * peakRssBytes, wallSeconds }.
 */
function watchUsage(pid, core) {
  const tree = processTree(pid);
  const cpuOf = () => tree.reduce((sum, member) => sum + cpuSeconds(member), 0);
  const rssOf = () => tree.reduce((sum, member) => sum + residentBytes(member), 0);
  const startedCpu = cpuOf();
  const startedCore = coreBusySeconds(core);
  const startedAt = process.hrtime.bigint();
  let peakRssBytes = rssOf();
  const poll = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, rssOf());
  }, POLL_MS);
  return () => {
    clearInterval(poll);
    peakRssBytes = Math.max(peakRssBytes, rssOf());
    const wallSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const cpuSeconds = cpuOf() - startedCpu;
    const others = coreBusySeconds(core) - startedCore - cpuSeconds;
    const percentOf = (seconds) => (100 * seconds) / wallSeconds;
    return { cpuSeconds, cpuPercent: percentOf(cpuSeconds), othersOnCorePercent: Math.max(0, percentOf(others)), peakRssBytes, wallSeconds };
  };
}

const IDLE_SAMPLE_MS = 250;
const IDLE_SHARE = 0.05;

/**
 * Waits until `pid`'s tree uses under 5 % of a core over a quarter second (it has finished the
 * requests a stopped wrk left in flight), at most `maxSeconds`; resolves whether it got there.
 */
async function waitUntilIdle(pid, maxSeconds = 15) {
  const tree = processTree(pid);
  const cpuOf = () => tree.reduce((sum, member) => sum + cpuSeconds(member), 0);
  const deadline = Date.now() + maxSeconds * 1000;
  let before = cpuOf();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
    const now = cpuOf();
    if (now - before < (IDLE_SHARE * IDLE_SAMPLE_MS) / 1000) return true;
    before = now;
  }
  return false;
}

module.exports = { watchUsage, waitUntilIdle, waitedChildrenCpuSeconds };
