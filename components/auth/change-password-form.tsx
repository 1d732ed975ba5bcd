"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useChangePassword, useMe } from "@/lib/hooks/use-users";
import { passwordChangeSchema } from "@/lib/schemas/auth";

type Field = "currentPassword" | "newPassword";
type Errors = Partial<Record<Field | "form", string>>;
const FIELDS: Field[] = ["currentPassword", "newPassword"];

function toErrors(issues: { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = FIELDS.find((field) => field === issue.path) ?? "form";
    errors[key] = errors[key] ? `${errors[key]}; ${issue.message}` : issue.message;
  }
  return errors;
}

/** The signed-in person changes their password: checked with the API's schema first, the current one by the server. */
export function ChangePasswordForm() {
  const me = useMe();
  const change = useChangePassword();
  const [errors, setErrors] = useState<Errors>({});
  const [isDone, setIsDone] = useState(false);

  if (me.isPending) return <p>Loading…</p>;
  if (!me.data?.user) return <p className="notice"><Link href="/sign-in?next=/settings/account">Sign in</Link> to change your password.</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setErrors({});
    setIsDone(false);
    const checked = passwordChangeSchema.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    if (!checked.success) {
      setErrors(toErrors(checked.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }))));
      return;
    }
    try {
      await change.mutateAsync(checked.data);
      setIsDone(true);
      formElement.reset();
    } catch (error) {
      setErrors(error instanceof ApiClientError && error.issues.length ? toErrors(error.issues) : { form: error instanceof Error ? error.message : "Something went wrong" });
    }
  }

  const fieldProps = (field: Field) => ({ name: field, type: "password", "aria-invalid": errors[field] ? true : undefined, "aria-describedby": errors[field] ? `${field}-error` : undefined });
  const fieldError = (field: Field) => (errors[field] ? <span id={`${field}-error`} className="field-error" role="status">{errors[field]}</span> : null);

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-label="Change password" className="stack" noValidate>
      <p className="muted">
        Signed in as <strong>{me.data.user.name}</strong> (@{me.data.user.username}, {me.data.user.role}). Changing the password signs you out everywhere else.
      </p>
      <label>
        Current password
        <input {...fieldProps("currentPassword")} autoComplete="current-password" />
      </label>
      {fieldError("currentPassword")}
      <label>
        New password
        <input {...fieldProps("newPassword")} autoComplete="new-password" />
      </label>
      {fieldError("newPassword")}
      {errors.form ? <p role="alert" className="error-banner">{errors.form}</p> : null}
      {isDone ? <p role="status" className="notice">Password changed. Other sessions were signed out.</p> : null}
      <button type="submit" className="button-primary" disabled={change.isPending}>{change.isPending ? "Changing…" : "Change password"}</button>
    </form>
  );
}
