// Replays the HTTP session of one MLflow client against the real handlers; the requests and the source they were
// read from are in tests/fixtures/mlflow-replays/torchtune.json (written by generate.py there).
import { describeReplay } from "../support/mlflow-replay-suite";

describeReplay("torchtune");
