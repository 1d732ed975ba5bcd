import { pacedJsonResponse } from "@/lib/api/paced-json";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { rankQualityQuerySchema } from "@/lib/schemas/compare";
import { getRankQuality } from "@/lib/server/compare/rank-quality";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/compare/rank-quality – LoRA/QLoRA rank vs MMLU and MT-Bench, with full fine-tuning levels
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const query = parseQuery(request.url, rankQualityQuerySchema);
  return pacedJsonResponse(() => getRankQuality(query));
});
