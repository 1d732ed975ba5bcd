import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { buildOpenApiDocument } from "@/lib/openapi";

// GET /api/openapi.json – the OpenAPI 3.1 document generated from the zod schemas
export const GET = withErrors(async () => NextResponse.json(buildOpenApiDocument()));
