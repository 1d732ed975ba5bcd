// Experiments for the seeded reference runs: one per kind of source, so that the figures articles claim, papers
// report and people measured are never mixed with a team's own runs (which go to Default unless told otherwise).
// Ids are stable names rather than MLflow's integers, so a re-seed finds them whatever they were renamed to;
// experiments made through the API get integers (lib/server/experiments.ts), which these can never collide with.
import type { SourceSeed } from "./types";

export type ReferenceExperimentSeed = { id: string; sourceKind: SourceSeed["kind"]; name: string; description: string };

export const referenceExperiments: ReferenceExperimentSeed[] = [
  {
    id: "reference-articles",
    sourceKind: "article",
    name: "Reference: article claims",
    description: "Runs read from the tables of the seeded articles: each figure as the article states it, linked to its cell.",
  },
  {
    id: "reference-papers",
    sourceKind: "paper",
    name: "Reference: paper results",
    description: "Runs read from the tables of seeded papers, each figure linked to its cell.",
  },
  {
    id: "reference-measured",
    sourceKind: "user",
    name: "Reference: measured runs",
    description: "Runs measured and contributed as seeded sources, each figure linked to its cell.",
  },
  {
    id: "reference-published-measurements",
    sourceKind: "measurement",
    name: "Reference: published measurements",
    description:
      "Rows of training frameworks' own benchmark tables, each linked to the quoted row and the file and commit it was read from. Estimates among them are flagged and never used as measurements.",
  },
];
