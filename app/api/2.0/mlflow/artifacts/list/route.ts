import { NextResponse } from "next/server";
import { ApiError, parseQuery } from "@/lib/api/errors";
import { parseArtifactPath, runArtifactUri } from "@/lib/artifacts/paths";
import { mlflowListArtifactsQuerySchema } from "@/lib/schemas/artifact";
import { assertArtifactRun, listArtifactFolder } from "@/lib/server/artifacts";
import { requireMlflowReader } from "@/lib/server/auth/mlflow-credentials";
import { withMlflowErrors } from "@/lib/server/mlflow/route";

// GET /api/2.0/mlflow/artifacts/list?run_id=&path= – MLflow's ListArtifacts: a folder of a run's artifacts, with
// paths relative to the run's artifact root and that root as root_uri
export const GET = withMlflowErrors(async (request) => {
  await requireMlflowReader(request);
  const query = parseQuery(request.url, mlflowListArtifactsQuerySchema);
  const runId = query.run_id || query.run_uuid;
  if (!runId) throw new ApiError("bad_request", "Missing value for required parameter 'run_id'");
  const parsed = parseArtifactPath(query.path ?? "", { allowEmpty: true });
  if (!parsed.ok) throw new ApiError("bad_request", parsed.message);
  const { experimentId } = await assertArtifactRun(runId);
  const entries = await listArtifactFolder(runId, parsed.segments);
  const files = entries.map((entry) => ({ path: entry.path, is_dir: entry.isDir, ...(entry.isDir ? {} : { file_size: entry.sizeBytes }) }));
  return NextResponse.json({ root_uri: runArtifactUri(experimentId, runId), ...(files.length ? { files } : {}) });
});
