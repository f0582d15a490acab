#!/usr/bin/env node
// The compiled gateway lives in dist/ (`npm run build`); this shim keeps the bin path stable.
require('../dist/main.js').main(process.argv.slice(2));
