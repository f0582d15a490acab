/** One column of a table: its heading and how to show a row's cell. */
export interface Column<Row> {
  heading: string;
  cell(row: Row): string | number | null | undefined;
  /** Numbers read best aligned right. */
  align?: 'left' | 'right';
}

/** A plain-text table for people: headings, a rule, then one line per row, columns two spaces apart. */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => show(column.cell(row))));
  const widths = columns.map((column, i) => Math.max(column.heading.length, ...cells.map((line) => line[i].length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (columns[i].align === 'right' ? value.padStart(widths[i]) : value.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.heading)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** `name: value` lines for one record, names aligned. */
export function formatRecord(fields: ReadonlyArray<readonly [string, string | number | boolean | null | undefined]>): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width + 1)} ${show(value)}`).join('\n') + '\n';
}

function show(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  // Control characters in a key or user agent must not move the cursor of whoever reads the table.
  return String(value).replace(/\p{Cc}/gu, '?');
}
