import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { listenAdminPort, type AdminListener } from '../../../src/admin/admin-listener';
import { adminCall } from '../admin/admin-client';
import { startGateway, type RunningGateway } from '../support/gateway';
import { launchChromium, type HeadlessBrowser } from './headless-chromium';

/** docs/console.md shows what this run sees. */
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'console');
const TRACE_URL = 'http://jaeger.example:16686/trace/{traceId}';

async function consoleOn(gw: RunningGateway): Promise<{ admin: AdminListener; url: string }> {
  const admin = await listenAdminPort(gw.gateway.app.getHttpAdapter().getInstance(), { host: '127.0.0.1', port: 0 }, undefined, undefined, gw.gateway.console);
  return { admin, url: `http://127.0.0.1:${admin.address.port}/console` };
}

async function signInThroughThePage(page: Page, url: string, access: string, secret: string): Promise<void> {
  await page.goto(url);
  await page.fill('#access', access);
  await page.fill('#secret', secret);
  await page.click('#sign-in button[type=submit]');
}

/** The cells of the operations table, row by row. */
async function historyRows(page: Page): Promise<string[][]> {
  return page.$$eval('#operations tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => (cell as { textContent: string | null }).textContent ?? '')));
}

// The console end to end in Debian's headless Chromium, against a real gateway and the requests this test makes.
describe('console in a browser', () => {
  let gw: RunningGateway;
  let admin: AdminListener;
  let url: string;
  let browser: HeadlessBrowser;
  let page: Page;
  let uploadId: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    gw = await startGateway(() => ({ adminPort: { host: '127.0.0.1', port: 0 }, console: { traceUrl: TRACE_URL, sessionTtlMs: 600_000 } }));
    ({ admin, url } = await consoleOn(gw));
    const s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
    for (const key of ['2024/cat.jpg', '2024/dog.jpg', '2025/owl.jpg']) {
      await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: key, Body: Buffer.alloc(4096, 7) }));
    }
    await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: '2024/cat.jpg' })).then((r) => r.Body?.transformToByteArray());
    await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: '2024/missing.jpg' })).catch(() => undefined);
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'photos', Key: 'video.mp4' }));
    uploadId = created.UploadId ?? '';
    await s3.send(new UploadPartCommand({ Bucket: 'photos', Key: 'video.mp4', UploadId: uploadId, PartNumber: 1, Body: Buffer.alloc(64 * 1024, 1) }));
    await adminCall(gw, '/create-user', { body: { access: 'alice', secret: 'alice-secret', role: 'user' } });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    await gw?.stop();
  });

  it('refuses a wrong secret and keeps no cookie', async () => {
    await signInThroughThePage(page, url, gw.rootCredentials.access, 'not-the-secret');
    await page.waitForSelector('#sign-in-error:has-text("Sign-in refused")');
    expect(await page.isVisible('#app')).toBe(false);
    expect(await browser.context.cookies()).toEqual([]);
    await page.fill('#secret', '');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
  });

  it('signs in and lists the operations newest first; filters by bucket and operation', async () => {
    await signInThroughThePage(page, url, gw.rootCredentials.access, gw.rootCredentials.secret);
    await page.waitForSelector('#operations tbody tr');
    const cookies = await browser.context.cookies();
    expect(cookies).toMatchObject([{ name: 'tracegw-console', httpOnly: true, sameSite: 'Strict' }]);
    // Nothing the page's scripts can read holds the secret or the token.
    expect(await page.evaluate('document.cookie')).toBe('');

    const everything = await historyRows(page);
    expect(everything[0][1]).toBe('AdminConsoleSignIn');

    await page.fill('#filters input[name=bucket]', 'photos');
    await page.fill('#filters input[name=operation]', 'GetObject');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction("Array.from(document.querySelectorAll('#operations tbody tr td:nth-child(2)')).every((cell) => cell.textContent === 'GetObject')");
    const filtered = await historyRows(page);
    // Newest first: the missing key was asked last.
    expect(filtered.map((row) => [row[1], row[3], row[5], row[6]])).toEqual([
      ['GetObject', '2024/missing.jpg', '404', 'NoSuchKey'],
      ['GetObject', '2024/cat.jpg', '200', ''],
    ]);
    await page.fill('#filters input[name=operation]', '');
    await page.fill('#filters input[name=status]', '2xx');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction("document.querySelectorAll('#operations tbody tr').length > 2");
    expect((await historyRows(page)).map((row) => row[1])).toEqual(['UploadPart', 'CreateMultipartUpload', 'GetObject', 'PutObject', 'PutObject', 'PutObject', 'CreateBucket']);
    await page.screenshot({ path: join(SCREENSHOTS, 'operations.png'), fullPage: true });
  });

  it('opens an operation: every journal field, the waterfall, the trace link', async () => {
    await page.fill('#filters input[name=status]', '404');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction("document.querySelectorAll('#operations tbody tr').length === 1");
    await page.click('#operations tbody tr');
    await page.waitForSelector('#waterfall');
    const field = (name: string) => page.textContent(`#fields tr[data-field="${name}"] td`);
    expect(await field('operation')).toBe('GetObject');
    expect(await field('key')).toBe('2024/missing.jpg');
    expect(await field('errorCode')).toBe('NoSuchKey');
    expect(await field('accessKey')).toBe(gw.rootCredentials.access);
    expect(await page.$$eval('#fields tr', (rows) => rows.length)).toBe(21);
    const stages = await page.$$eval('#waterfall .stage', (rows) => rows.map((row) => (row as unknown as { dataset: { stage?: string } }).dataset.stage));
    expect(stages).toEqual(['request', 'auth', 'backend', 'other']);
    const backendWidth = await page.$eval('#waterfall .bar.stage-backend', (bar) => bar.getBoundingClientRect().width);
    expect(backendWidth).toBeGreaterThan(0);
    const traceId = (await field('traceId')) ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.getAttribute('#trace-link', 'href')).toBe(TRACE_URL.replace('{traceId}', traceId));
    await page.screenshot({ path: join(SCREENSHOTS, 'operation.png'), fullPage: true });
    await page.click('#back');
    await page.waitForSelector('#filters');
  });

  it('charts the rate, error rate and latency of the requests this test made', async () => {
    await page.click('nav button[data-view=charts]');
    await page.waitForSelector('#chart-rate');
    const chart = await page.evaluate(() => {
      const charts = (globalThis as unknown as { Chart: { getChart(id: string): { data: { labels: string[]; datasets: { data: number[] }[] } } } }).Chart;
      const rate = charts.getChart('chart-rate').data;
      const errors = charts.getChart('chart-errors').data;
      const latency = charts.getChart('chart-latency').data;
      return { labels: rate.labels, rate: rate.datasets[0].data, errors: errors.datasets[0].data, latencySeries: latency.datasets.length };
    });
    const at = (operation: string) => chart.labels.indexOf(operation);
    // The default window is an hour: three PUTs and two GETs, one of them a 404.
    expect(chart.rate[at('PutObject')]).toBeCloseTo(3 / 3600, 6);
    expect(chart.rate[at('GetObject')]).toBeCloseTo(2 / 3600, 6);
    expect(chart.errors[at('GetObject')]).toBe(50);
    expect(chart.errors[at('PutObject')]).toBe(0);
    expect(chart.latencySeries).toBe(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'charts.png'), fullPage: true });
  });

  it('shows the upload in flight with its part, and the recovery report', async () => {
    await page.click('nav button[data-view=uploads]');
    await page.waitForSelector(`.upload[data-upload-id="${uploadId}"]`);
    const cells = await page.$$eval(`.upload[data-upload-id="${uploadId}"] > table tbody td`, (tds) => tds.map((td) => td.textContent));
    expect(cells[0]).toBe('photos');
    expect(cells[1]).toBe('video.mp4');
    expect(cells[4]).toBe('1');
    expect(cells[5]).toBe('64.0 KiB');
    expect(await page.textContent('#recovery')).toContain('uploadsOnStorage');
    await page.click(`.upload[data-upload-id="${uploadId}"] summary`);
    await page.screenshot({ path: join(SCREENSHOTS, 'uploads.png'), fullPage: true });
  });

  it('lists accounts and bucket owners', async () => {
    await page.click('nav button[data-view=accounts]');
    await page.waitForSelector('#accounts table');
    expect(await page.$$eval('#accounts tbody tr td:first-child', (tds) => tds.map((td) => td.textContent))).toEqual(['alice']);
    expect(await page.$$eval('#buckets tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => (td as { textContent: string | null }).textContent).slice(0, 2)))).toEqual([
      ['photos', gw.rootCredentials.access],
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts.png'), fullPage: true });
  });

  it('sets no style or script that the CSP refuses', async () => {
    const violations: string[] = [];
    const fresh = await browser.context.newPage();
    fresh.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await signInThroughThePage(fresh, url, gw.rootCredentials.access, gw.rootCredentials.secret);
    await fresh.waitForSelector('#operations tbody tr');
    await fresh.click('#operations tbody tr');
    await fresh.waitForSelector('#waterfall');
    await fresh.click('nav button[data-view=charts]');
    await fresh.waitForSelector('#chart-rate');
    await fresh.close();
    expect(violations).toEqual([]);
  });
});

describe('console session expiry in a browser', () => {
  let gw: RunningGateway;
  let admin: AdminListener;
  let url: string;
  let browser: HeadlessBrowser;

  beforeAll(async () => {
    gw = await startGateway(() => ({ adminPort: { host: '127.0.0.1', port: 0 }, console: { traceUrl: undefined, sessionTtlMs: 1500 } }));
    ({ admin, url } = await consoleOn(gw));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    await gw?.stop();
  });

  it('asks for the secret again once the session has expired', async () => {
    const page = await browser.context.newPage();
    await signInThroughThePage(page, url, gw.rootCredentials.access, gw.rootCredentials.secret);
    await page.waitForSelector('#operations tbody tr');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await page.click('nav button[data-view=accounts]');
    await page.waitForSelector('#sign-in:visible');
    expect(await page.textContent('#sign-in-error')).toBe('Your session has expired: sign in again.');
    expect(await page.isVisible('#app')).toBe(false);
    // Without a trace URL the trace id is plain text: signing in again still works.
    await page.fill('#secret', gw.rootCredentials.secret);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#operations tbody tr');
    await page.click('#operations tbody tr');
    await page.waitForSelector('#waterfall');
    expect(await page.$('#trace-link')).toBeNull();
  });
});
