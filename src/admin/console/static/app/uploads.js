// Multipart uploads in flight as this node's journal knows them, with their parts, and what the
// last start-up recovery found and did.
import { el, errorLine, formatBytes, table } from './dom.js';

const UPLOAD_COLUMNS = [
  { title: 'Bucket', value: (u) => u.bucket },
  { title: 'Key', value: (u) => u.key, class: 'key' },
  { title: 'Upload id', value: (u) => u.uploadId },
  { title: 'Initiated', value: (u) => new Date(u.initiated).toLocaleString() },
  { title: 'Parts', value: (u) => String(u.partCount), class: 'num' },
  { title: 'Size', value: (u) => formatBytes(u.size), class: 'num' },
];

const PART_COLUMNS = [
  { title: 'Part', value: (p) => String(p.partNumber), class: 'num' },
  { title: 'Size', value: (p) => formatBytes(p.size), class: 'num' },
  { title: 'ETag', value: (p) => p.etag },
  { title: 'Checksum', value: (p) => (p.checksumAlgorithm ? `${p.checksumAlgorithm} ${p.checksumValue}` : '') },
  { title: 'Uploaded', value: (p) => new Date(p.uploadedAt).toLocaleString() },
];

export async function showUploads(section, context) {
  section.append(el('h2', {}, 'Multipart uploads in flight'));
  let answer;
  try {
    answer = await context.api('/list-multipart-uploads');
  } catch (error) {
    section.append(errorLine(error.message));
    return;
  }
  if (answer.uploads.length === 0) section.append(el('p', {}, 'No upload in flight.'));
  for (const upload of answer.uploads) {
    section.append(
      el('div', { class: 'upload', 'data-upload-id': upload.uploadId }, table(UPLOAD_COLUMNS, [upload], (u, column) => column.value(u)), el('details', {}, el('summary', {}, `${upload.partCount} parts`), table(PART_COLUMNS, upload.parts, (p, column) => column.value(p)))),
    );
  }
  section.append(el('h2', {}, 'Last start-up recovery'), recovery(answer.recovery));
}

function recovery(report) {
  if (report === null) return el('p', { id: 'recovery' }, 'Recovery has not run in this process (or it failed: see the log).');
  const rows = Object.entries(report).map(([name, value]) => [name, typeof value === 'object' && value !== null ? describe(value) : String(value)]);
  return el('table', { id: 'recovery', class: 'fields' }, el('tbody', {}, ...rows.map(([name, text]) => el('tr', {}, el('th', {}, name), el('td', {}, text)))));
}

/** `{ count, sample }` of a recovery finding: the count, and the first few it names. */
function describe(finding) {
  if (!('count' in finding)) return JSON.stringify(finding);
  const sample = Array.isArray(finding.sample) && finding.sample.length > 0 ? `: ${finding.sample.map((item) => JSON.stringify(item)).join(', ')}` : '';
  return `${finding.count}${sample}`;
}
