import { NextResponse } from "next/server";
import { parseQuery, withErrors } from "@/lib/api/errors";
import { exportQuerySchema } from "@/lib/schemas/common";
import { exportRuns, runsToCsv } from "@/lib/server/runs/export-runs";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/export?format=csv|json – every run with its source and source cells
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const { format } = parseQuery(request.url, exportQuerySchema);
  const runs = await exportRuns();
  if (format === "json") return NextResponse.json({ items: runs });
  return new NextResponse(runsToCsv(runs), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="tuneboard-runs.csv"' },
  });
});
