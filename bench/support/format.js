// How the tables write numbers.
'use strict';

/** 48500 -> "48,500"; 15.46 -> "15.5"; below 10 two decimals. */
function amount(value) {
  if (!Number.isFinite(value)) return '-';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(value >= 100 ? 0 : 2)} ms` : '-');
const seconds = (value) => `${value.toFixed(2)} s`;
const percent = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '-');
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : '-');
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}` : '-');

module.exports = { amount, ms, seconds, percent, mib, ratio };
