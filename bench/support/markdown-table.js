// A markdown table whose columns are also aligned as plain text: readable in a terminal and
// pasteable into docs/performance.md.
'use strict';

/** `header` and `rows` (arrays of strings); columns listed in `rightAligned` are right-aligned. */
function markdownTable(header, rows, rightAligned = new Set()) {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => String(row[column]).length)));
  const pad = (cell, column) => (rightAligned.has(column) ? String(cell).padStart(widths[column]) : String(cell).padEnd(widths[column]));
  const line = (row) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (rightAligned.has(column) ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

module.exports = { markdownTable };
