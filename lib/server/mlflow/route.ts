import "server-only";
// One shape for every MLflow tracking route: check the caller, read the request (GET: query parameters; otherwise a
// JSON body of at most 1 MB, with Python's bare NaN / Infinity tokens read), parse it with the operation's schema,
// call the store, answer 200 with a JSON object ({} when there is nothing to say). Errors are MLflow's
// { error_code, message } (lib/mlflow/errors.ts), always a 4xx for bad input: the Python client retries 5xx.
import { ZodError, type z } from "zod";
import { quoteNonFiniteNumbers, readBodyText } from "@/lib/api/body";
import { ApiError, ERROR_STATUS } from "@/lib/api/errors";
import { MLFLOW_CODE_FOR, MlflowError, invalidParameter, mlflowErrorBody } from "@/lib/mlflow/errors";
import { MAX_REQUEST_BYTES } from "@/lib/mlflow/limits";
import { parseMlflowRequest, queryFields } from "@/lib/mlflow/requests";
import type { Actor } from "@/lib/server/auth/permissions";
import { requireMlflowReader, requireMlflowWriter } from "@/lib/server/auth/mlflow-credentials";

/** read: follows TUNEBOARD_PUBLIC_READS; write: a member; admin: an admin (restoring a run, as in Tuneboard's API). */
export type Access = "read" | "write" | "admin";

function toMlflowError(error: unknown): MlflowError {
  if (error instanceof MlflowError) return error;
  if (error instanceof ApiError) {
    const status = ERROR_STATUS[error.code];
    // Tuneboard's 422 (a value the run rules refuse) is MLflow's 400; a body over the cap stays a 413.
    return new MlflowError(MLFLOW_CODE_FOR[error.code], error.message, status === 422 || status === 409 ? 400 : status, error.headers);
  }
  if (error instanceof ZodError) return invalidParameter(error.issues.map((issue) => issue.message).join("; "));
  console.error("Unhandled MLflow API error", error);
  return new MlflowError("INTERNAL_ERROR", "Something went wrong on our side; the request changed nothing");
}

export function mlflowErrorResponse(error: unknown): Response {
  const mlflowError = toMlflowError(error);
  return Response.json(mlflowErrorBody(mlflowError), { status: mlflowError.status, headers: mlflowError.headers });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route that reads its own request (the artifact routes stream bodies) so any error is MLflow-shaped. */
export function withMlflowErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return mlflowErrorResponse(error);
    }
  };
}

/** A POST body as an object: malformed JSON, or JSON that is not an object, is INVALID_PARAMETER_VALUE. */
async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, MAX_REQUEST_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(quoteNonFiniteNumbers(text));
  } catch {
    throw invalidParameter("Malformed request: the body must be a JSON object");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidParameter("Malformed request: the body must be a JSON object");
  return body as Record<string, unknown>;
}

export type Context = { actor: Actor | null };

export function mlflowRoute<S extends z.ZodType>(
  access: Access,
  schema: S,
  handle: (input: z.output<S>, context: Context) => Promise<object | void>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      let actor: Actor | null = null;
      if (access === "read") await requireMlflowReader(request);
      else actor = await requireMlflowWriter(request, access === "admin" ? "admin" : "member");
      const raw = request.method === "GET" || request.method === "HEAD" ? queryFields(request.url) : await readJsonObject(request);
      const result = await handle(parseMlflowRequest(schema, raw), { actor });
      return Response.json(result ?? {});
    } catch (error) {
      return mlflowErrorResponse(error);
    }
  };
}
