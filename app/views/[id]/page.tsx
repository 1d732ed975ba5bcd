import { notFound, redirect } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { getViewOrThrow } from "@/lib/server/collab/views";

export const dynamic = "force-dynamic";

/** /views/{id}: the shareable link of a saved view, which opens its page with its filters and chart settings. */
export default async function SavedViewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let url: string;
  try {
    url = (await getViewOrThrow(id)).url;
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  redirect(url);
}
