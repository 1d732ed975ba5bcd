import { parseQuery, withErrors } from "@/lib/api/errors";
import { exportQuerySchema } from "@/lib/schemas/common";
import { requireReader } from "@/lib/server/auth/permissions";
import { exportRunsStream } from "@/lib/server/runs/export-runs";

// GET /api/export?format=csv|json&columns=<ids>&<runs-table filters> – the matching runs with their source cells, streamed page by page
export const GET = withErrors(async (request) => {
  await requireReader(request);
  const { format, columns, ...filters } = parseQuery(request.url, exportQuerySchema);
  const headers: Record<string, string> =
    format === "csv"
      ? { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="tuneboard-runs.csv"' }
      : { "content-type": "application/json; charset=utf-8" };
  return new Response(exportRunsStream(filters, format, { columns }), { headers });
});
