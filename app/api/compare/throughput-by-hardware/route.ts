import { pacedJsonResponse } from "@/lib/api/paced-json";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { compareFiltersSchema } from "@/lib/schemas/compare";
import { getThroughputByHardware } from "@/lib/server/compare/throughput";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/throughput-by-hardware – runs, OOMs and median samples/s and tokens/s per GPU × method
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const filters = parseQuery(request.url, compareFiltersSchema);
  return pacedJsonResponse(() => getThroughputByHardware(filters));
});
