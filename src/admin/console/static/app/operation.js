// One operation: every field of its journal row, its stages as a waterfall, and its trace id
// linked to the site's tracing UI (--console-trace-url).
import { el, errorLine, formatMs } from './dom.js';

const FIELDS = [
  ['id', 'Id'],
  ['operation', 'Operation'],
  ['startedAt', 'Started'],
  ['durationMs', 'Duration (ms)'],
  ['authMs', 'Authentication (ms)'],
  ['backendMs', 'Backend (ms)'],
  ['httpStatus', 'HTTP status'],
  ['errorCode', 'Error code'],
  ['bucket', 'Bucket'],
  ['key', 'Key'],
  ['uploadId', 'Upload id'],
  ['partNumber', 'Part number'],
  ['accessKey', 'Access key'],
  ['role', 'Role'],
  ['clientAddress', 'Client address'],
  ['userAgent', 'User agent'],
  ['bytesIn', 'Bytes in'],
  ['bytesOut', 'Bytes out'],
  ['completed', 'Response completed'],
  ['requestId', 'Request id (x-amz-request-id)'],
  ['traceId', 'Trace id (X-Trace-ID)'],
];

export async function showOperation(section, context, id, back) {
  section.replaceChildren(el('h2', {}, `Operation ${id}`), el('button', { type: 'button', id: 'back', onclick: back }, 'Back to the list'));
  let operation;
  try {
    ({ operation } = await context.api('/get-operation', { id }));
  } catch (error) {
    section.append(errorLine(error.message));
    return;
  }
  section.append(
    el('h3', {}, 'Stages'),
    waterfall(operation),
    el('h3', {}, 'Journal row'),
    el('table', { id: 'fields', class: 'fields' }, el('tbody', {}, ...FIELDS.map(([name, title]) => el('tr', { 'data-field': name }, el('th', {}, title), el('td', {}, value(operation, name, context.session.traceUrl)))))),
  );
}

function value(operation, name, traceUrl) {
  const raw = operation[name];
  if (raw === null || raw === undefined) return '—';
  if (name === 'traceId' && traceUrl) {
    // The trace id is 32 hex digits (the admin API checks it), so it needs no encoding in the URL.
    return el('a', { id: 'trace-link', href: traceUrl.replaceAll('{traceId}', raw), target: '_blank', rel: 'noopener noreferrer' }, raw);
  }
  return String(raw);
}

/**
 * The stages in the order the gateway runs them: authentication (signature and access check),
 * then the command (handler, backend, file-system calls), then what is left (routing, the
 * response going out). The journal keeps each stage's duration, not its start: the bars follow
 * each other in that order.
 */
function waterfall(operation) {
  const total = Math.max(operation.durationMs, 0.001);
  const auth = operation.authMs ?? 0;
  const backend = operation.backendMs ?? 0;
  const rest = Math.max(0, total - auth - backend);
  const stages = [
    { id: 'request', title: 'Request (total)', start: 0, ms: total },
    operation.authMs === null ? undefined : { id: 'auth', title: 'Authentication', start: 0, ms: auth },
    operation.backendMs === null ? undefined : { id: 'backend', title: 'Backend (command, storage I/O)', start: auth, ms: backend },
    { id: 'other', title: 'Routing and response', start: auth + backend, ms: rest },
  ].filter(Boolean);
  return el(
    'div',
    { id: 'waterfall', class: 'waterfall' },
    ...stages.map((stage) => {
      const bar = el('div', { class: `bar stage-${stage.id}` });
      // Set through the CSSOM: the page's CSP allows no style attribute in markup.
      bar.style.marginLeft = `${(stage.start / total) * 100}%`;
      bar.style.width = `${Math.max((stage.ms / total) * 100, 0.3)}%`;
      return el('div', { class: 'stage', 'data-stage': stage.id }, el('span', { class: 'label' }, stage.title), el('div', { class: 'track' }, bar), el('span', { class: 'ms' }, formatMs(stage.ms)));
    }),
  );
}
