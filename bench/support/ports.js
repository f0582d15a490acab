// Ports for the servers: a free one on 127.0.0.1, and waiting until a server answers on it.
'use strict';
const { setTimeout } = require('node:timers');
const { createServer } = require('node:net');
const http = require('node:http');
const { alive } = require('./children');

/** A port free on 127.0.0.1 right now (the kernel's choice), for a server that takes its port as a flag. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Whether an HTTP GET of `origin`/ gets any answer (any status: the server is up). */
function answers(origin) {
  return new Promise((resolve) => {
    const request = http.get(`${origin}/`, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/** Waits (at most `seconds`) until `child`'s server answers on `origin`; throws if it exits or never does. */
async function waitUntilAnswering(name, child, origin, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (!alive(child)) throw new Error(`${name} exited (code ${child.exitCode}, signal ${child.signalCode}) before answering on ${origin}`);
    if (await answers(origin)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer on ${origin} within ${seconds} s`);
}

module.exports = { freePort, waitUntilAnswering };
