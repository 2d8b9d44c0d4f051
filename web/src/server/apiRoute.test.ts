import { afterEach, describe, expect, it, vi } from 'vitest';
import { CROSS_SITE, apiRoute, otherMethods } from './apiRoute';
import { jsonResponse } from './apiResponse';

const request = (headers: Record<string, string> = {}) => new Request('http://play.example/api/x', { method: 'POST', headers: { host: 'play.example', ...headers } });

afterEach(() => vi.restoreAllMocks());

describe('API route wrapper', () => {
  const ok = apiRoute('test', async () => jsonResponse({ ok: true }));

  it('lets a bot through: no Origin, no Sec-Fetch-Site', async () => {
    expect((await ok(request())).status).toBe(200);
  });

  it('lets the site itself through', async () => {
    expect((await ok(request({ origin: 'http://play.example', 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
  });

  it('refuses a browser request from another site with 403 before running the handler', async () => {
    const handler = vi.fn(async () => jsonResponse({ ok: true }));
    const route = apiRoute('test', handler);
    const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of crossSite) {
      const response = await route(request(headers));
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: CROSS_SITE });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers an unexpected throw with a JSON 500 and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = apiRoute('test', async () => {
      throw new Error('database is down');
    });
    const response = await broken(request());
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: expect.any(String) });
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('methods a route does not serve', () => {
  it('get a JSON 405 naming the allowed methods', async () => {
    const { GET, PUT, DELETE } = otherMethods('POST');
    for (const handler of [GET, PUT, DELETE]) {
      const response = await handler(request());
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: 'Method not allowed here; use POST.' });
    }
  });

  it('list HEAD beside GET, and answer OPTIONS with 204 and the same Allow', async () => {
    const { POST, OPTIONS } = otherMethods('GET');
    expect((await POST(request())).headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const options = await OPTIONS(request());
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
