import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { getSourceOrThrow } from "@/lib/server/sources";
import { requireReader } from "@/lib/server/auth/permissions";

// GET /api/sources/{id} – a source with every table, every cell verbatim, and the runs read from each cell
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json(await getSourceOrThrow(id));
});
