// The operation history: the admin API's filters, newest first, a page at a time (keyset paging:
// each page is asked with the nextCursor of the one before, so page 500 costs what page 1 does).
import { el, errorLine, formatBytes, formatMs, table } from './dom.js';
import { showOperation } from './operation.js';

const FILTERS = [
  { name: 'bucket', label: 'Bucket' },
  { name: 'prefix', label: 'Key prefix' },
  { name: 'operation', label: 'Operation', placeholder: 'GetObject' },
  { name: 'account', label: 'Account' },
  { name: 'status', label: 'Status', placeholder: '404 or 4xx' },
  { name: 'error-code', label: 'Error code', placeholder: 'NoSuchKey' },
  { name: 'from', label: 'From', type: 'datetime-local' },
  { name: 'to', label: 'To', type: 'datetime-local' },
  { name: 'trace-id', label: 'Trace id' },
];

const COLUMNS = [
  { title: 'Started', value: (o) => new Date(o.startedAt).toLocaleString() },
  { title: 'Operation', value: (o) => o.operation ?? '(unknown)' },
  { title: 'Bucket', value: (o) => o.bucket ?? '' },
  { title: 'Key', value: (o) => o.key ?? '', class: 'key' },
  { title: 'Account', value: (o) => o.accessKey ?? '' },
  { title: 'Status', value: (o) => String(o.httpStatus), class: 'num' },
  { title: 'Error', value: (o) => o.errorCode ?? '' },
  { title: 'In', value: (o) => formatBytes(o.bytesIn), class: 'num' },
  { title: 'Out', value: (o) => formatBytes(o.bytesOut), class: 'num' },
  { title: 'Duration', value: (o) => formatMs(o.durationMs), class: 'num' },
];

const PAGE_SIZE = 50;
const REFRESH_MS = 5000;

/** What the view keeps between visits: the filters typed and the page shown. */
const state = { filters: {}, cursors: [undefined], live: false };
let timer;

export function showHistory(section, context) {
  clearInterval(timer);
  const inputs = FILTERS.map((filter) =>
    el('input', { name: filter.name, type: filter.type ?? 'text', placeholder: filter.placeholder, value: shownValue(filter, state.filters[filter.name]), spellcheck: 'false' }),
  );
  const live = el('input', { type: 'checkbox', name: 'live', checked: state.live });
  const form = el(
    'form',
    { id: 'filters', class: 'filters' },
    ...FILTERS.map((filter, i) => el('label', {}, filter.label, inputs[i])),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, 'Filter'), el('button', { type: 'reset' }, 'Clear'), el('label', { class: 'inline' }, live, 'Refresh every 5 s')),
  );
  const results = el('div', { id: 'operations' });
  section.append(el('h2', {}, 'Operations'), form, results);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = Object.fromEntries(FILTERS.map((filter, i) => [filter.name, queryValue(filter, inputs[i].value)]));
    state.cursors = [undefined];
    void load();
  });
  form.addEventListener('reset', () => {
    state.filters = {};
    state.cursors = [undefined];
    setTimeout(() => void load());
  });
  live.addEventListener('change', () => {
    state.live = live.checked;
    schedule();
  });

  async function load() {
    let answer;
    try {
      answer = await context.api('/list-operations', { ...state.filters, limit: PAGE_SIZE, cursor: state.cursors.at(-1) });
    } catch (error) {
      results.replaceChildren(errorLine(error.message));
      return;
    }
    const page = state.cursors.length;
    const rows = table(COLUMNS, answer.operations, (o, column) => column.value(o), (o) => ({
      class: o.httpStatus >= 400 ? 'clickable failed' : 'clickable',
      'data-id': o.id,
      onclick: () => showOperation(section, context, o.id, () => showHistory(section, context)),
    }));
    const previous = el('button', { type: 'button', disabled: page === 1, onclick: () => { state.cursors.pop(); void load(); } }, 'Newer');
    const next = el('button', { type: 'button', disabled: answer.nextCursor === null, onclick: () => { state.cursors.push(answer.nextCursor); void load(); } }, 'Older');
    const summary = answer.operations.length === 0 ? 'No operation matches.' : `Page ${page}: ${answer.operations.length} operations, newest first.`;
    results.replaceChildren(el('p', { class: 'page-info' }, summary), rows, el('div', { class: 'pager' }, previous, next));
  }

  function schedule() {
    clearInterval(timer);
    // Live only on the first page: further pages are a fixed slice of the past.
    if (state.live) timer = setInterval(() => { if (state.cursors.length === 1 && section.isConnected) void load(); else clearInterval(timer); }, REFRESH_MS);
  }

  schedule();
  void load();
}

/** A datetime-local field holds local time without a zone; the admin API takes ISO-8601. */
function queryValue(filter, value) {
  if (value === '') return undefined;
  return filter.type === 'datetime-local' ? new Date(value).toISOString() : value.trim();
}

function shownValue(filter, value) {
  if (value === undefined) return undefined;
  if (filter.type !== 'datetime-local') return value;
  const date = new Date(value);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
