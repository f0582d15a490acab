// The built gateway (dist/main.js) with crash-test pause points, for the kill -9 tests
// (test/e2e/multipart/crash-recovery.e2e.spec.ts): with TRACEGW_TEST_PAUSE_AT=<point> it stops
// for good when a request reaches that point, after printing `tracegw test pause: <point>` on
// stderr, so that the test can kill it at exactly that moment. The points are named in
// src/backends/pause-points.ts. The gateway's own entry (bin/tracegw.js) supplies no pause points,
// and nothing in src/ reads this variable.
const { join } = require('node:path');
const { main } = require(join(__dirname, '..', '..', '..', 'dist', 'main.js'));

const pauseAt = process.env.TRACEGW_TEST_PAUSE_AT;
const goOn = Promise.resolve();

main(process.argv.slice(2), {
  pausePoints: {
    reached(point) {
      if (point !== pauseAt) return goOn;
      process.stderr.write(`tracegw test pause: ${point}\n`);
      return new Promise(() => undefined);
    },
  },
});
