import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { downloadHeaders, parseArtifactPath, parseEncodedArtifactPath, splitRunArtifactPath } from "@/lib/artifacts/paths";
import { assertArtifactRun, listArtifactFolder, openArtifact, saveArtifact } from "@/lib/server/artifacts";
import { requireMlflowReader, requireMlflowWriter } from "@/lib/server/auth/mlflow-credentials";
import { withMlflowErrors } from "@/lib/server/mlflow/route";

// MLflow's artifact proxy. Clients address files as <experiment>/<run>/artifacts/<path> (their artifact_uri is
// mlflow-artifacts:/<experiment>/<run>/artifacts). The path is read from the URL as sent and decoded once, segment
// by segment, rather than from Next's params, so that %2F or %2e%2e cannot turn into separators or dot segments.
const COLLECTION = "/mlflow-artifacts/artifacts";

/** The run and file path named by the request: from the URL, or from ?path= on the bare collection. */
async function runPathOf(request: Request, options: { listing: boolean }) {
  const url = new URL(request.url);
  const rest = url.pathname.slice(url.pathname.indexOf(COLLECTION) + COLLECTION.length).replace(/^\//, "");
  const parsed = options.listing ? parseArtifactPath(url.searchParams.get("path") ?? "", { allowEmpty: true }) : parseEncodedArtifactPath(rest);
  if (!parsed.ok) throw new ApiError("bad_request", parsed.message);
  const split = splitRunArtifactPath(parsed.segments);
  if (!split) throw new ApiError("not_found", `'${parsed.segments.join("/")}' is not under a run's artifacts: expected <experiment>/<run>/artifacts/<path>`);
  await assertArtifactRun(split.runId, split.experimentId);
  return split;
}

const isCollection = (request: Request) => new URL(request.url).pathname.replace(/\/$/, "").endsWith(COLLECTION);

// GET /api/2.0/mlflow-artifacts/artifacts?path=<exp>/<run>/artifacts/<folder> – list a folder (names, as MLflow)
// GET /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<file> – download a file
export const GET = withMlflowErrors(async (request) => {
  await requireMlflowReader(request);
  if (isCollection(request)) {
    const { runId, relative } = await runPathOf(request, { listing: true });
    const entries = await listArtifactFolder(runId, relative);
    const files = entries.map((entry) => ({ path: entry.path.split("/").pop()!, is_dir: entry.isDir, ...(entry.isDir ? {} : { file_size: entry.sizeBytes }) }));
    return NextResponse.json(files.length ? { files } : {});
  }
  const { runId, relative } = await runPathOf(request, { listing: false });
  const file = await openArtifact(runId, relative);
  const { contentType, contentDisposition } = downloadHeaders(file.fileName);
  return new Response(file.body, {
    headers: {
      "content-type": contentType,
      "content-length": String(file.sizeBytes),
      "content-disposition": contentDisposition,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
    },
  });
});

// PUT /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<file> – upload a file (body = its bytes, ≤ 100 MB)
export const PUT = withMlflowErrors(async (request) => {
  await requireMlflowWriter(request);
  if (isCollection(request)) throw new ApiError("bad_request", "An artifact upload needs a file path");
  const { runId, relative } = await runPathOf(request, { listing: false });
  const declared = request.headers.get("content-length");
  await saveArtifact({ runId, segments: relative, body: request.body, declaredBytes: declared && /^\d+$/.test(declared) ? Number(declared) : null });
  return NextResponse.json({});
});
