import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { MAX_BATCH_BODY_BYTES, runBatchSchema } from "@/lib/schemas/run";
import { inWriteTurn } from "@/lib/server/db/bulk-write";
import { createRuns } from "@/lib/server/runs/write-runs";
import { requireActor } from "@/lib/server/auth/permissions";

// POST /api/runs/batch – create up to 1,000 runs, all or nothing
export const POST = withErrors(async (request) => {
  const actor = await requireActor(request, "member");
  // One heavy write request at a time, so other requests are read between them (lib/server/db/bulk-write.ts).
  return inWriteTurn(async () => {
    const { items } = await parseJsonBody(request, runBatchSchema, { maxBytes: MAX_BATCH_BODY_BYTES, arrayKey: "items" });
    const results = await createRuns(items, { createdById: actor.userId });
    return NextResponse.json({ items: results.map((r) => r.run), created: results.filter((r) => r.created).length }, { status: 201 });
  });
});
