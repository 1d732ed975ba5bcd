// MLflow's error shape and codes. The Python client reads `error_code` and `message` from any non-2xx JSON body
// (mlflow/utils/rest_utils.py, verify_rest_response) and retries 429 and 5xx for minutes, so every refusal of bad
// input here is a 4xx. Statuses follow mlflow/exceptions.py (ERROR_CODE_TO_HTTP_STATUS, mlflow/mlflow at
// 0007c018091c370eac5bea5cc09038f0af736303): RESOURCE_ALREADY_EXISTS is a 400 there, not a 409.
import type { ErrorCode } from "@/lib/api/errors";

export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

export class MlflowError extends Error {
  constructor(
    readonly errorCode: MlflowErrorCode,
    message: string,
    /** MLflow's status for the code unless a transport rule says otherwise (413 for a body over the cap). */
    readonly status: number = MLFLOW_ERROR_STATUS[errorCode],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "MlflowError";
  }
}

export const invalidParameter = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);
export const doesNotExist = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);

/** Tuneboard's error codes in MLflow's vocabulary, for errors thrown by the shared server code (lib/api/errors.ts). */
export const MLFLOW_CODE_FOR: Record<ErrorCode, MlflowErrorCode> = {
  bad_request: "INVALID_PARAMETER_VALUE",
  unprocessable_entity: "INVALID_PARAMETER_VALUE",
  payload_too_large: "INVALID_PARAMETER_VALUE",
  not_found: "RESOURCE_DOES_NOT_EXIST",
  conflict: "RESOURCE_ALREADY_EXISTS",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "PERMISSION_DENIED",
  too_many_requests: "REQUEST_LIMIT_EXCEEDED",
  internal_server_error: "INTERNAL_ERROR",
};

/** Tuneboard's code for an MLflow code: the `error.code` beside MLflow's fields, so one client can read both. */
export function tuneboardCodeFor(error: MlflowError): ErrorCode {
  if (error.status === 413) return "payload_too_large";
  switch (error.errorCode) {
    case "RESOURCE_DOES_NOT_EXIST": return "not_found";
    case "RESOURCE_ALREADY_EXISTS": return "conflict";
    case "UNAUTHENTICATED": return "unauthorized";
    case "PERMISSION_DENIED": return "forbidden";
    case "REQUEST_LIMIT_EXCEEDED": return "too_many_requests";
    case "INTERNAL_ERROR": return "internal_server_error";
    default: return "bad_request";
  }
}

/**
 * The body of an error answer: MLflow's `{ error_code, message }`, plus Tuneboard's `{ error: { code, message } }`
 * so that Tuneboard's own tooling (and its test walks over every operation) read these routes like the others.
 * MLflow's client ignores fields it does not know.
 */
export function mlflowErrorBody(error: MlflowError) {
  return { error_code: error.errorCode, message: error.message, error: { code: tuneboardCodeFor(error), message: error.message } };
}
