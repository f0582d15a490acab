import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

/** One file the console serves, read once at start-up: they are small, and the package never changes while it runs. */
export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
  /** Only with a valid session: everything but the sign-in page's own files. */
  signedIn: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Where the console lives on a listener; its files are below it. */
export const CONSOLE_PATH = '/console';

/**
 * The page's files, in the package itself (no build step, no CDN): `static/` beside this module's
 * source, found from the package root so that the compiled gateway (dist/admin/console) and the
 * sources (src/admin/console) read the same files, and Chart.js from its npm package. The sign-in
 * page (index.html, sign-in.js, console.css) is public; the application (static/app/) and the
 * chart library need a signed-in session.
 */
export function loadConsoleAssets(): ReadonlyMap<string, ConsoleAsset> {
  const packageRoot = resolve(__dirname, '..', '..', '..');
  const staticDir = join(packageRoot, 'src', 'admin', 'console', 'static');
  const assets = new Map<string, ConsoleAsset>();
  const add = (path: string, file: string, signedIn: boolean): void => {
    assets.set(path, { body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', signedIn });
  };
  add(CONSOLE_PATH, join(staticDir, 'index.html'), false);
  for (const name of ['sign-in.js', 'console.css']) add(`${CONSOLE_PATH}/${name}`, join(staticDir, name), false);
  for (const name of readdirSync(join(staticDir, 'app'))) {
    if (name.endsWith('.js')) add(`${CONSOLE_PATH}/app/${name}`, join(staticDir, 'app', name), true);
  }
  // chart.js exports no subpath of dist/; its main entry sits beside the self-contained UMD build.
  add(`${CONSOLE_PATH}/vendor/chart.umd.min.js`, join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), true);
  return assets;
}
