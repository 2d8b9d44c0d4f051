/**
 * Next's request scope for route handlers and Server Actions called outside Next: `cookies()` and `headers()`
 * read the request at hand, and what the code sets or deletes is recorded. A test file installs it with
 * `vi.mock('next/headers', () => import('<path to>/nextScope').then((m) => m.nextHeaders))` and calls `enter(request)`
 * before each call (calls run one at a time).
 */
export const scope = {
  headers: new Headers(),
  jar: new Map<string, string>(),
  sets: [] as Array<{ name: string; value: string }>,
  deletes: [] as string[],
};

/** The cookies of a Cookie header, the first of each name. */
export function cookieJarOf(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!jar.has(name)) jar.set(name, part.slice(at + 1).trim());
  }
  return jar;
}

/** Makes `headers` (and the cookies in them) the current request's. */
export function enter(headers: Headers): void {
  scope.headers = headers;
  scope.jar = cookieJarOf(headers.get('cookie'));
  scope.sets = [];
  scope.deletes = [];
}

export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (scope.jar.has(name) ? { name, value: scope.jar.get(name)! } : undefined),
    getAll: () => [...scope.jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => scope.jar.has(name),
    set: (name: string, value: string) => {
      scope.sets.push({ name, value });
      scope.jar.set(name, value);
    },
    delete: (name: string) => {
      scope.deletes.push(name);
      scope.jar.delete(name);
    },
  }),
  headers: async () => scope.headers,
};
