// Calls route handlers in-process with real Request objects, against the test file's own SQLite database.
// Handlers differ in their params type; the test supplies whatever the route declares. Bodies are typed
// loosely on purpose: tests assert on their shape.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Handler = (request: Request, context: any) => Promise<Response>;

export type ApiResult<T = any> = { status: number; body: T; text: string; headers: Headers };

export async function call<T = any>(
  handler: Handler,
  options: { method?: string; path?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const init: RequestInit = { method: options.method ?? "GET", headers: { "content-type": "application/json" } };
  if (options.rawBody !== undefined) init.body = options.rawBody;
  else if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await handler(new Request(`http://localhost${options.path ?? "/"}`, init), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}
