// Response shapes of /api/sources and /api/claims, inferred from the server functions that build them so the
// client types cannot drift from what the server sends.
import type { getClaimOrThrow, getSourceOrThrow, listSources } from "@/lib/server/sources";

export type SourceSummary = Awaited<ReturnType<typeof listSources>>[number];
export type SourceDetail = Awaited<ReturnType<typeof getSourceOrThrow>>;
export type ClaimView = Awaited<ReturnType<typeof getClaimOrThrow>>;
