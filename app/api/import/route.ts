import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { ApiError, withErrors } from "@/lib/api/errors";
import { importRequestSchema, type ImportProgressLine, MAX_IMPORT_BODY_BYTES } from "@/lib/schemas/import";
import { requireActor } from "@/lib/server/auth/permissions";
import { checkImport, importFiles, writeImport } from "@/lib/server/imports";

// POST /api/import – adapter_config.json, trainer_state.json, config.json or recipe YAML into a run; dryRun previews.
// With `Accept: application/x-ndjson` the answer streams progress lines while the metric history is written.
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "member");
  const body = await parseJsonBody(request, importRequestSchema, { maxBytes: MAX_IMPORT_BODY_BYTES });
  if (body.dryRun || !request.headers.get("accept")?.includes("application/x-ndjson")) {
    const result = await importFiles(body, { actorId: actor.userId });
    return NextResponse.json(result, { status: result.dryRun || !result.created ? 200 : 201 });
  }
  // Checks run before the stream opens, so a bad file is still a plain 422; only writing streams, from what was checked.
  const checked = await checkImport(body);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportProgressLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        send({ type: "done", result: await writeImport(checked, { actorId: actor.userId, onProgress: (written, total) => send({ type: "progress", written, total }) }) });
      } catch (error) {
        const known = error instanceof ApiError ? error : new ApiError("internal_server_error", "The import failed");
        if (!(error instanceof ApiError)) console.error(error);
        send({ type: "error", error: { code: known.code, message: known.message, issues: known.issues } });
      }
      controller.close();
    },
  });
  return new NextResponse(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
});
