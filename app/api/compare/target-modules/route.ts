import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { compareFiltersSchema } from "@/lib/schemas/compare";
import { getTargetModules } from "@/lib/server/compare/target-modules";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/target-modules – trainable share and quality gain per LoRA target-module set
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const filters = parseQuery(request.url, compareFiltersSchema);
  return NextResponse.json(await getTargetModules(filters));
});
