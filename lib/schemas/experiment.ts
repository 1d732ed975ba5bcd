// Experiments: MLflow's experiment, W&B's project: a named group of runs.

/** MLflow's default experiment id: clients that name no experiment log to "0", and every older run lives there. */
export const DEFAULT_EXPERIMENT_ID = "0";
