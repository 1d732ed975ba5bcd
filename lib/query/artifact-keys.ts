// Query key of a run's artifact list: under the run's detail key, so that anything refreshing the run refreshes
// its files too. Kept out of the client component so the run page's server prefetch can use it.
import { runKeys } from "./keys";

export const runArtifactsKey = (runId: string) => [...runKeys.detail(runId), "artifacts"] as const;
