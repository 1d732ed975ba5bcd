import type { Metadata } from "next";
import { DeletedRunsTable } from "@/components/runs/deleted-runs-table";

export const metadata: Metadata = { title: "Deleted runs" };

export default function DeletedRunsPage() {
  return (
    <section>
      <h1>Deleted runs</h1>
      <p className="muted">Deleted runs leave every list, chart, export and prediction, with their history and comments kept. Restoring one brings it all back.</p>
      <DeletedRunsTable />
    </section>
  );
}
