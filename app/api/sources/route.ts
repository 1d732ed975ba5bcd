import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { listSources } from "@/lib/server/sources";

// GET /api/sources – every source with its table list
export const GET = withErrors(async () => NextResponse.json({ items: await listSources() }));
