import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { userCreateSchema } from "@/lib/schemas/auth";
import { requireActor } from "@/lib/server/auth/permissions";
import { createUser, listUsers } from "@/lib/server/auth/users";

// GET /api/users – every user (admin)
export const GET = withErrors(async (request) => {
  await requireActor(request, "admin");
  return NextResponse.json({ items: await listUsers() });
});

// POST /api/users – create a user with a role and an initial password (admin)
export const POST = withErrors(async (request) => {
  await requireActor(request, "admin");
  const input = await parseJsonBody(request, userCreateSchema);
  return NextResponse.json(await createUser(input), { status: 201 });
});
