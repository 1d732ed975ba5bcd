import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { idParamsSchema } from "@/lib/schemas/common";
import { listRunArtifacts } from "@/lib/server/artifacts";
import { requireReader } from "@/lib/server/auth/permissions";

type Context = { params: Promise<{ id: string }> };

// GET /api/runs/{id}/artifacts – the run's uploaded files (path, size in bytes, sha256, upload times)
export const GET = withErrors(async (request, { params }: Context) => {
  await requireReader(request);
  const { id } = idParamsSchema.parse(await params);
  return NextResponse.json({ items: await listRunArtifacts(id) });
});
