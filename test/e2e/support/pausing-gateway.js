// The built gateway (dist/main.js) with crash-test hooks, for the kill -9 tests
// (test/e2e/multipart/crash-recovery.e2e.spec.ts, test/e2e/scoutfs/move-crash.e2e.spec.ts):
// - TRACEGW_TEST_PAUSE_AT=<point>: it stops for good when a request reaches that point (the
//   TRACEGW_TEST_PAUSE_NTH-th time, 1 unless given), after printing `tracegw test pause: <point>`
//   on stderr, so that the test can kill it at exactly that moment (in a request, or in the
//   start-up recovery before the gateway serves). The points are named in
//   src/backends/pause-points.ts, and the stand-in mover adds its own.
// - TRACEGW_TEST_BLOCK_MOVER=stand-in: the scoutfs backend moves blocks with the stand-in for
//   ScoutFS's ioctl (stand-in-block-mover.js), which runs on this machine's file system.
// The gateway's own entry (bin/tracegw.js) supplies no hooks, and nothing in src/ reads these variables.
const { join } = require('node:path');
const { setInterval } = require('node:timers');
const { main } = require(join(__dirname, '..', '..', '..', 'dist', 'main.js'));
const { standInBlockMover } = require(join(__dirname, 'stand-in-block-mover.js'));

const pauseAt = process.env.TRACEGW_TEST_PAUSE_AT;
const pauseNth = Number(process.env.TRACEGW_TEST_PAUSE_NTH ?? '1');
const goOn = Promise.resolve();
let reachedTimes = 0;

const pausePoints = {
  reached(point) {
    if (point !== pauseAt || ++reachedTimes < pauseNth) return goOn;
    process.stderr.write(`tracegw test pause: ${point}\n`);
    // Stopped in start-up (the multipart recovery), nothing else would keep the process alive
    // until the kill: no listener yet.
    setInterval(() => undefined, 60_000);
    return new Promise(() => undefined);
  },
};
const blockMover = process.env.TRACEGW_TEST_BLOCK_MOVER === 'stand-in' ? standInBlockMover((point) => pausePoints.reached(point)) : undefined;

main(process.argv.slice(2), { pausePoints, ...(blockMover !== undefined ? { blockMover } : {}) });
