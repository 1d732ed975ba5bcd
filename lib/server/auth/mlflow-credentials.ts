import "server-only";
// Who is calling an MLflow route (tracking or artifacts), from what MLflow's Python client sends:
// MLFLOW_TRACKING_TOKEN → Bearer; MLFLOW_TRACKING_USERNAME/PASSWORD → Basic, where the password may also be an API
// token. Writes need a member; reads follow TUNEBOARD_PUBLIC_READS.
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { toRole } from "./actor";
import { type Actor, type Role, assertRole, getActor, requireActor } from "./permissions";
import { verifyApiToken } from "./tokens";
import { authenticate } from "./users";
import { clientAddressOf } from "@/lib/server/client-address";

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
