import { DEFAULT_HISTORY } from '../../../src/config/gateway-config';
import { parseDuration, parseRowCount } from '../../../src/config/retention-parsers';
import { resolveGatewayConfig } from '../../../src/config/resolve-config';
import { makeTempDir } from '../../medium/journal/temp-dir';

describe('history retention options', () => {
  it.each([
    ['0', 0],
    ['45s', 45_000],
    ['90m', 5_400_000],
    ['12h', 43_200_000],
    ['30d', 2_592_000_000],
  ])('reads the duration %s', (text, ms) => expect(parseDuration(text)).toEqual({ ok: true, value: ms }));

  it.each(['30', '1.5h', '-1d', '2w', 'd', ''])('refuses the duration %j', (text) => expect(parseDuration(text).ok).toBe(false));

  it('reads row counts, 0 meaning no limit', () => {
    expect(parseRowCount('0')).toEqual({ ok: true, value: 0 });
    expect(parseRowCount('250000')).toEqual({ ok: true, value: 250_000 });
    expect(parseRowCount('1e6').ok).toBe(false);
    expect(parseRowCount('-3').ok).toBe(false);
  });

  describe('through the resolver', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    beforeEach(() => (tmp = makeTempDir('tracegw-retention-')));
    afterEach(() => tmp.remove());
    const resolve = (flags: Record<string, string>, env: Record<string, string> = {}) =>
      resolveGatewayConfig({ flags, env: { ROOT_ACCESS_KEY: 'root', ROOT_SECRET_KEY: 'rootsecret', ...env }, dir: 'data', cwd: tmp.path }).config;

    it('defaults to DEFAULT_HISTORY, which configurations built by hand fall back to', () => {
      expect(resolve({}).history).toEqual(DEFAULT_HISTORY);
    });

    it('takes flags over VGW_HISTORY_* variables', () => {
      expect(resolve({ historyMaxAge: '7d' }, { VGW_HISTORY_MAX_AGE: '1h', VGW_HISTORY_MAX_ROWS: '500' }).history).toEqual({
        maxAgeMs: 7 * 86_400_000,
        maxRows: 500,
      });
    });

    it('stops start-up with a line naming the option', () => {
      expect(() => resolve({}, { VGW_HISTORY_MAX_AGE: '30' })).toThrow(
        'invalid --history-max-age (VGW_HISTORY_MAX_AGE) "30": must be a duration such as 90m, 12h or 30d, or 0 for no limit',
      );
      expect(() => resolve({ historyMaxRows: 'many' })).toThrow('invalid --history-max-rows (VGW_HISTORY_MAX_ROWS) "many"');
    });
  });
});
