import { deleteTagRequest, runIdOf } from "@/lib/mlflow/requests";
import { deleteMlflowTag } from "@/lib/server/mlflow/runs";
import { mlflowRoute } from "@/lib/server/mlflow/route";

// POST /api/2.0/mlflow/runs/delete-tag – MLflow DeleteTag: a missing tag is RESOURCE_DOES_NOT_EXIST
export const POST = mlflowRoute("write", deleteTagRequest, (input) => deleteMlflowTag(runIdOf(input), input.key));
