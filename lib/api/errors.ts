// The API's one error boundary: every handler's failure becomes `{ error: { code, message, issues? } }`.
// Bodies are read and parsed in ./body.ts (byte cap, JSON, schema), which throws the errors defined here.
import { NextResponse } from "next/server";
import { ZodError } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable_entity: 422,
  too_many_requests: 429,
  internal_server_error: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldIssue = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError("not_found", `${what} '${id}' does not exist`);
}

/** Dotted path for a field issue: items.3.rank. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "(body)";
}

export function invalidFields(issues: FieldIssue[]): ApiError {
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  return new ApiError("unprocessable_entity", `Invalid input: ${summary}`, issues);
}

function fromZod(error: ZodError, code: ErrorCode): ApiError {
  const issues = error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  return code === "unprocessable_entity" ? invalidFields(issues) : new ApiError(code, `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/** Parses URL search params (repeated keys are joined with commas): failures → 400 naming each parameter. */
export function parseQuery<T>(url: string | URL, schema: { parse(value: unknown): T }): T {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) raw[key] = params.getAll(key).join(",");
  try {
    return schema.parse(raw);
  } catch (error) {
    if (error instanceof ZodError) throw fromZod(error, "bad_request");
    throw error;
  }
}

function prismaCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/**
 * PostgreSQL refuses a NUL character in any text value, a key looked up included (SQLSTATE 22021), where SQLite
 * stores it: no stored text holds one there, so the request is the client's error (issue 12).
 */
function isNulInText(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } }).meta?.driverAdapterError?.cause;
  return cause?.originalCode === "22021" || cause?.code === "22021" || /Code: `22021`/.test(error.message);
}

export function toErrorResponse(error: unknown): NextResponse {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof ZodError) apiError = fromZod(error, "unprocessable_entity");
  else if (prismaCode(error) === "P2025") apiError = new ApiError("not_found", "The record does not exist");
  else if (prismaCode(error) === "P2002") apiError = new ApiError("conflict", "A record with that unique value already exists");
  else if (isNulInText(error)) apiError = new ApiError("bad_request", "Text may not contain the NUL character (\\u0000)");
  else {
    console.error("Unhandled API error", error);
    apiError = new ApiError("internal_server_error", "Something went wrong on our side; the request changed nothing");
  }
  const { code, message, issues, headers } = apiError;
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status: ERROR_STATUS[code], headers });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so that any thrown error becomes a JSON error response. */
export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
