// Field errors of the small account forms (users, password): zod's issues from checking in the browser and the
// API's issues from the server land on the same fields, several messages joined; the rest go to the form.

export type FieldErrors<F extends string> = Partial<Record<F | "form", string>>;

type Issue = { path: string | readonly PropertyKey[]; message: string };

export function fieldErrorsFrom<F extends string>(fields: readonly F[], issues: readonly Issue[]): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const path = typeof issue.path === "string" ? issue.path : issue.path.map(String).join(".");
    const key: F | "form" = fields.find((field) => field === path) ?? "form";
    errors[key] = errors[key] ? `${errors[key]}; ${issue.message}` : issue.message;
  }
  return errors;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}
