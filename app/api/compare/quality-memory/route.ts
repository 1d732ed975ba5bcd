import { pacedJsonResponse } from "@/lib/api/paced-json";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { qualityMemoryQuerySchema } from "@/lib/schemas/compare";
import { getQualityMemory } from "@/lib/server/compare/quality-memory";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/quality-memory – quality vs peak memory points, Pareto frontier and GPU capacity lines
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, qualityMemoryQuerySchema);
  return pacedJsonResponse(() => getQualityMemory(query));
});
