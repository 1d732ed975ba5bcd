"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useChangePassword, useMe } from "@/lib/hooks/use-users";
import { passwordChangeSchema } from "@/lib/schemas/auth";
import { type FieldErrors, errorMessage, fieldErrorsFrom } from "./field-errors";

const FIELDS = ["currentPassword", "newPassword"] as const;
type Field = (typeof FIELDS)[number];

/** The signed-in person changes their password: checked with the API's schema first, the current one by the server. */
export function ChangePasswordForm() {
  const me = useMe();
  const change = useChangePassword();
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
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
      setErrors(fieldErrorsFrom(FIELDS, checked.error.issues));
      return;
    }
    try {
      await change.mutateAsync(checked.data);
      setIsDone(true);
      formElement.reset();
    } catch (error) {
      setErrors(error instanceof ApiClientError && error.issues.length ? fieldErrorsFrom(FIELDS, error.issues) : { form: errorMessage(error) });
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
