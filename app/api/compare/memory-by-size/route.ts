import { pacedJsonResponse } from "@/lib/api/paced-json";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { compareFiltersSchema } from "@/lib/schemas/compare";
import { getMemoryBySize } from "@/lib/server/compare/memory-by-size";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/memory-by-size – peak memory per model size × method, each source's claim side by side
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const filters = parseQuery(request.url, compareFiltersSchema);
  return pacedJsonResponse(() => getMemoryBySize(filters));
});
