import type { Metadata } from "next";
import { ViewsList } from "@/components/collab/views-list";

export const metadata: Metadata = { title: "Saved views" };

export default function ViewsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Saved views</h1>
          <p className="muted">Named sets of filters and chart settings; share one by its /views/… link.</p>
        </div>
      </div>
      <ViewsList />
    </>
  );
}
