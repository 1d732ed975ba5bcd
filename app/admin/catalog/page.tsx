import type { Metadata } from "next";
import { CatalogAdmin } from "@/components/catalog/catalog-admin";

export const metadata: Metadata = { title: "Catalog" };

export default function CatalogAdminPage() {
  return (
    <section>
      <h1>Catalog</h1>
      <p className="muted">
        GPUs and base models that predictions, the plan and run creation know. Add a GPU with its datasheet figures, or a model by pasting its Hugging Face
        config.json: the architecture and exact parameter count are shown before you save.
      </p>
      <CatalogAdmin />
    </section>
  );
}
