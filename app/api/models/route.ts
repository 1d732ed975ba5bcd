import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { listModels } from "@/lib/server/catalog";

// GET /api/models – the base-model catalog with architecture fields
export const GET = withErrors(async () => NextResponse.json({ items: await listModels() }));
