// Small DOM helpers: elements are built with textContent only (never innerHTML), so no key, user
// agent or error message from the journal can become markup.

/** `el('td', { class: 'num' }, 'text', child)`: attributes, then children (text or nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A table with a header row and one row per item; `cell(item, column)` gives the cell's content. */
export function table(columns, items, cell, rowAttributes = () => ({})) {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', {}, column.title)))),
    el('tbody', {}, ...items.map((item) => el('tr', rowAttributes(item), ...columns.map((column) => el('td', { class: column.class }, cell(item, column)))))),
  );
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatMs(ms) {
  return ms === null || ms === undefined ? '' : `${ms.toFixed(3)} ms`;
}

/** A message line in a section: errors from the admin API are shown where the section's content would be. */
export function errorLine(message) {
  return el('p', { class: 'error', role: 'alert' }, message);
}
