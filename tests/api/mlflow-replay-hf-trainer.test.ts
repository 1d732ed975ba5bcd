// Replays the HTTP session of one MLflow client against the real handlers; the requests and the source they were
// read from are in tests/fixtures/mlflow-replays/hf-trainer.json (written by generate.py there).
import { describeReplay } from "../support/mlflow-replay-suite";

describeReplay("hf-trainer");
