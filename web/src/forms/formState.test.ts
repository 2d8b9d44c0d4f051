import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { echoValues, fieldErrorsOf, readForm } from './formState';

describe('form state helpers', () => {
  it('reads text fields, absent or file fields as empty strings', () => {
    const data = new FormData();
    data.set('email', 'a@b.co');
    data.set('avatar', new Blob(['x']));
    expect(readForm(data, ['email', 'password', 'avatar'])).toEqual({ email: 'a@b.co', password: '', avatar: '' });
  });

  it('keeps the first message of each field', () => {
    const schema = z.object({ name: z.string().min(3, 'too short').regex(/^a/, 'must start with a') });
    const result = schema.safeParse({ name: 'b' });
    expect(fieldErrorsOf(result.error!)).toEqual({ name: 'too short' });
  });

  it('never echoes secrets back into the page', () => {
    expect(echoValues({ email: 'a@b.co', password: 'hunter22' }, ['password'])).toEqual({ email: 'a@b.co' });
  });
});
