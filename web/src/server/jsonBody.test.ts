import { describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES, fieldsOf, isJsonContentType, readJsonObject } from './jsonBody';

const JSON_TYPE = { 'content-type': 'application/json' };

function post(body: BodyInit | null, headers: Record<string, string> = JSON_TYPE): Request {
  return new Request('http://localhost/api/x', { method: 'POST', body, headers });
}

/** A body sent in chunks with no Content-Length, as a client streaming it would. */
function streamed(chunks: string[], headers: Record<string, string> = JSON_TYPE): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request('http://localhost/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('reading a JSON body', () => {
  it('returns the object sent', async () => {
    expect(await readJsonObject(post('{"email":"a@b.co","n":1}'))).toEqual({ ok: true, value: { email: 'a@b.co', n: 1 } });
  });

  it('accepts application/json with parameters, in any case', async () => {
    const result = await readJsonObject(post('{}', { 'content-type': 'Application/JSON; charset=utf-8' }));
    expect(result).toEqual({ ok: true, value: {} });
  });

  it('refuses another content type with 415, and a missing one', async () => {
    const others: Record<string, string>[] = [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}];
    for (const headers of others) {
      expect(await readJsonObject(post('{"a":1}', headers))).toMatchObject({ ok: false, status: 415 });
    }
  });

  it('refuses malformed JSON with 400 and says it is not JSON', async () => {
    const result = await readJsonObject(post('{"email": '));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(/not valid JSON/);
  });

  it('refuses JSON that is not an object', async () => {
    for (const body of ['[]', '"text"', '42', 'null', 'true']) {
      expect(await readJsonObject(post(body))).toEqual({ ok: false, status: 400, error: 'The request body must be a JSON object.' });
    }
  });

  it('refuses an empty body when one is required', async () => {
    expect(await readJsonObject(post(''))).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/empty/) });
    expect(await readJsonObject(post(null))).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(await readJsonObject(post(new Uint8Array([0x7b, 0xff, 0x7d])))).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/UTF-8/) });
  });

  it('takes a body of exactly the limit and refuses one byte more with 413', async () => {
    const fits = `{"p":"${'x'.repeat(MAX_JSON_BODY_BYTES - 8)}"}`;
    expect(new TextEncoder().encode(fits).length).toBe(MAX_JSON_BODY_BYTES);
    expect(await readJsonObject(post(fits))).toMatchObject({ ok: true });
    const over = `{"p":"${'x'.repeat(MAX_JSON_BODY_BYTES - 7)}"}`;
    expect(await readJsonObject(post(over))).toMatchObject({ ok: false, status: 413 });
  });

  it('refuses on a Content-Length over the limit without reading, and caps a body that has none', async () => {
    const claimed = post('{}', { ...JSON_TYPE, 'content-length': String(MAX_JSON_BODY_BYTES + 1) });
    expect(await readJsonObject(claimed)).toMatchObject({ ok: false, status: 413 });
    expect(claimed.bodyUsed).toBe(false);
    const chunks = ['{"p":"', ...Array.from({ length: 10 }, () => 'x'.repeat(1024)), '"}'];
    expect(await readJsonObject(streamed(chunks))).toMatchObject({ ok: false, status: 413 });
    expect(await readJsonObject(streamed(['{"a"', ':', '1}']))).toEqual({ ok: true, value: { a: 1 } });
  });

  it('honours a smaller limit', async () => {
    expect(await readJsonObject(post('{"a":"12345"}'), { maxBytes: 8 })).toMatchObject({ ok: false, status: 413 });
  });

  describe('when the body is optional', () => {
    it('reads no body, or an empty one, as {} whatever the content type', async () => {
      expect(await readJsonObject(post(null, {}), { optional: true })).toEqual({ ok: true, value: {} });
      expect(await readJsonObject(post('', { 'content-type': 'text/plain' }), { optional: true })).toEqual({ ok: true, value: {} });
    });

    it('still checks a body that is there', async () => {
      expect(await readJsonObject(post('{}'), { optional: true })).toEqual({ ok: true, value: {} });
      expect(await readJsonObject(post('{}', {}), { optional: true })).toMatchObject({ ok: false, status: 415 });
      expect(await readJsonObject(post('{'), { optional: true })).toMatchObject({ ok: false, status: 400 });
    });
  });
});

describe('content types', () => {
  it('counts only application/json', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType(' application/json ; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType('text/json')).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe('picking fields', () => {
  it('keeps the named fields, reads an absent one as an empty string and drops the rest', () => {
    const picked = fieldsOf({ email: 'a@b.co', password: 7, admin: true }, ['email', 'password', 'displayName']);
    expect(picked).toEqual({ email: 'a@b.co', password: 7, displayName: '' });
  });

  it('does not read inherited properties', () => {
    expect(fieldsOf(JSON.parse('{}'), ['toString'])).toEqual({ toString: '' });
  });
});
