import "server-only";
// The artifact routes speak MLflow's HTTP dialect: who is calling comes from what MLflow's Python client sends
// (MLFLOW_TRACKING_TOKEN → Bearer; MLFLOW_TRACKING_USERNAME/PASSWORD → Basic, where the password may also be an
// API token), and errors are { error_code, message } with MLflow's codes. A 5xx makes the client retry for
// minutes, so every refusal here is a 4xx.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { ApiError, ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { toRole } from "@/lib/server/auth/actor";
import { type Actor, type Role, assertRole, getActor, requireActor } from "@/lib/server/auth/permissions";
import { verifyApiToken } from "@/lib/server/auth/tokens";
import { authenticate } from "@/lib/server/auth/users";
import { clientAddressOf } from "@/lib/server/client-address";

const MLFLOW_CODES: Partial<Record<ErrorCode, string>> = {
  bad_request: "INVALID_PARAMETER_VALUE",
  unprocessable_entity: "INVALID_PARAMETER_VALUE",
  payload_too_large: "INVALID_PARAMETER_VALUE",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "PERMISSION_DENIED",
  not_found: "RESOURCE_DOES_NOT_EXIST",
  conflict: "RESOURCE_ALREADY_EXISTS",
  too_many_requests: "REQUEST_LIMIT_EXCEEDED",
};

export function mlflowErrorResponse(error: unknown): NextResponse {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof ZodError) apiError = new ApiError("bad_request", error.issues.map((issue) => issue.message).join("; "));
  else {
    console.error("Unhandled artifact error", error);
    apiError = new ApiError("internal_server_error", "Something went wrong on our side");
  }
  const status = ERROR_STATUS[apiError.code];
  // Tuneboard's { error: { code, message } } beside MLflow's fields, as the tracking routes answer (lib/mlflow/errors.ts),
  // so the OpenAPI walks read these routes like the others; MLflow's client ignores the extra field.
  const { code, message } = apiError;
  return NextResponse.json({ error_code: MLFLOW_CODES[code] ?? "INTERNAL_ERROR", message, error: { code, message } }, { status, headers: apiError.headers });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps an artifact route so that any thrown error becomes an MLflow-shaped error response. */
export function withMlflowErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return mlflowErrorResponse(error);
    }
  };
}

const unauthenticated = () => new ApiError("unauthorized", "The username and password or token are not valid");

/** Basic credentials: username + password, or username + one of that user's API tokens. */
async function basicActor(request: Request, encoded: string): Promise<Actor> {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw unauthenticated();
  const username = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const tokenUser = await verifyApiToken(secret);
  if (tokenUser) {
    if (tokenUser.username !== username) throw unauthenticated();
    return { userId: tokenUser.id, username: tokenUser.username, name: tokenUser.name, role: toRole(tokenUser.role), via: "token" };
  }
  // A password goes through the sign-in throttle, so Basic cannot be used to guess passwords faster than sign-in.
  const user = await authenticate({ username, password: secret }, { address: clientAddressOf(request) });
  if (!user) throw unauthenticated();
  return { userId: user.id, username: user.username, name: user.name, role: user.role, via: "token" };
}

const basicCredentials = (request: Request) => /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];

/** Writes: a member or admin, by Basic, Bearer or session (the last with requireActor's cross-site check). */
export async function requireMlflowWriter(request: Request, minimum: Role = "member"): Promise<Actor> {
  const basic = basicCredentials(request);
  if (!basic) return requireActor(request, minimum);
  const actor = await basicActor(request, basic);
  assertRole(actor, minimum);
  return actor;
}

/** Reads follow TUNEBOARD_PUBLIC_READS; credentials sent anyway must be valid. */
export async function requireMlflowReader(request: Request): Promise<void> {
  const basic = basicCredentials(request);
  const actor = basic ? await basicActor(request, basic) : await getActor(request);
  if (!env.TUNEBOARD_PUBLIC_READS && !actor) throw new ApiError("unauthorized", "Reads need credentials on this server: set MLFLOW_TRACKING_TOKEN");
}
