// A run's artifact as the REST API and the run page show it. Sizes are bytes.
import { z } from "zod";

export const artifactSchema = z.object({
  path: z.string().describe("Path under the run's artifact root, '/'-separated, e.g. checkpoints/adapter_config.json"),
  sizeBytes: z.number().int().describe("Size in bytes"),
  sha256: z.string().describe("SHA-256 of the stored bytes, hex"),
  createdAt: z.string().describe("First upload, ISO 8601"),
  updatedAt: z.string().describe("Last upload, ISO 8601"),
});
export type Artifact = z.infer<typeof artifactSchema>;

export const artifactListSchema = z.object({ items: z.array(artifactSchema) });
export type ArtifactList = z.infer<typeof artifactListSchema>;

/** MLflow's tracking-side ListArtifacts query (GET /api/2.0/mlflow/artifacts/list); run_uuid is its old name. */
export const mlflowListArtifactsQuerySchema = z.object({
  run_id: z.string().optional(),
  run_uuid: z.string().optional(),
  path: z.string().optional(),
  page_token: z.string().optional(),
});
