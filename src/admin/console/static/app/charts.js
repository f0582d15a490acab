// Per-operation request rate, error rate and latency percentiles over a chosen window, from
// /operations-summary (computed by SQL over the history). Chart.js is served by the gateway
// itself (/console/vendor/), never from a CDN.
import { el, errorLine, formatMs, table } from './dom.js';

const WINDOWS = [
  ['5m', 'last 5 minutes', 5 * 60_000],
  ['15m', 'last 15 minutes', 15 * 60_000],
  ['1h', 'last hour', 3_600_000],
  ['6h', 'last 6 hours', 6 * 3_600_000],
  ['24h', 'last 24 hours', 24 * 3_600_000],
  ['7d', 'last 7 days', 7 * 24 * 3_600_000],
];

const COLUMNS = [
  { title: 'Operation', value: (s) => s.operation ?? '(unknown)' },
  { title: 'Requests', value: (s) => String(s.count), class: 'num' },
  { title: 'Rate (req/s)', value: (s, w) => (s.count / w).toPrecision(3), class: 'num' },
  { title: 'Errors', value: (s) => String(s.errors), class: 'num' },
  { title: 'Error rate', value: (s) => `${((100 * s.errors) / s.count).toFixed(1)} %`, class: 'num' },
  { title: 'p50', value: (s) => formatMs(s.p50Ms), class: 'num' },
  { title: 'p95', value: (s) => formatMs(s.p95Ms), class: 'num' },
  { title: 'p99', value: (s) => formatMs(s.p99Ms), class: 'num' },
];

let library;
let charts = [];
let chosen = '1h';

/** Chart.js's self-contained build, loaded once as a classic script: it defines window.Chart. */
function loadChartLibrary() {
  library ??= new Promise((resolve, reject) => {
    const script = el('script', { src: '/console/vendor/chart.umd.min.js' });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', () => reject(new Error('the chart library did not load')));
    document.head.append(script);
  });
  return library;
}

export function showCharts(section, context) {
  const select = el('select', { name: 'window', id: 'window' }, ...WINDOWS.map(([id, title]) => el('option', { value: id, selected: id === chosen }, title)));
  const body = el('div', { id: 'charts' });
  section.append(el('h2', {}, 'Rates and latency per operation'), el('label', { class: 'inline' }, 'Window ', select, el('button', { type: 'button', id: 'refresh-charts', onclick: () => void render() }, 'Refresh')), body);
  select.addEventListener('change', () => {
    chosen = select.value;
    void render();
  });

  async function render() {
    const windowMs = WINDOWS.find(([id]) => id === chosen)[2];
    const to = new Date();
    const from = new Date(to.getTime() - windowMs);
    let summary;
    let Chart;
    try {
      [summary, Chart] = await Promise.all([context.api('/operations-summary', { from: from.toISOString(), to: to.toISOString() }), loadChartLibrary()]);
    } catch (error) {
      body.replaceChildren(errorLine(error.message));
      return;
    }
    for (const chart of charts) chart.destroy();
    charts = [];
    const stats = summary.operations;
    if (stats.length === 0) {
      body.replaceChildren(el('p', {}, 'No request in this window.'));
      return;
    }
    const seconds = windowMs / 1000;
    const labels = stats.map((s) => s.operation ?? '(unknown)');
    const canvases = ['rate', 'errors', 'latency'].map((id) => el('canvas', { id: `chart-${id}` }));
    body.replaceChildren(
      el('div', { class: 'chart-grid' }, ...canvases.map((canvas) => el('div', { class: 'chart' }, canvas))),
      el('h3', {}, `Per operation, ${summary.from} to ${summary.to}`),
      table(COLUMNS, stats, (s, column) => column.value(s, seconds)),
      el('p', { class: 'page-info' }, `History: ${summary.history.written} rows written, ${summary.history.dropped} dropped, ${summary.history.queued} queued.`),
    );
    const bars = (canvas, title, datasets, unit) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels, datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { title: { display: true, text: title } },
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        },
      });
    charts = [
      bars(canvases[0], 'Request rate', [{ label: 'requests/s', data: stats.map((s) => s.count / seconds), backgroundColor: '#3b6fb6' }], 'req/s'),
      bars(canvases[1], 'Error rate', [{ label: 'errors (status ≥ 400)', data: stats.map((s) => (100 * s.errors) / s.count), backgroundColor: '#c0392b' }], '%'),
      bars(
        canvases[2],
        'Latency',
        [
          { label: 'p50', data: stats.map((s) => s.p50Ms), backgroundColor: '#7fb3d5' },
          { label: 'p95', data: stats.map((s) => s.p95Ms), backgroundColor: '#2e86c1' },
          { label: 'p99', data: stats.map((s) => s.p99Ms), backgroundColor: '#1b4f72' },
        ],
        'ms',
      ),
    ];
  }

  void render();
}
