"use client";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useCreateUser, useMe, useUpdateUser, useUsers } from "@/lib/hooks/use-users";
import { roleSchema, type User, userCreateSchema } from "@/lib/schemas/auth";

type Role = User["role"];
type Field = "username" | "name" | "role" | "password";
type Errors = Partial<Record<Field | "form", string>>;
const ROLES = roleSchema.options;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}

function issuesToErrors(issues: { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = (["username", "name", "role", "password"] as const).find((field) => field === issue.path) ?? "form";
    errors[key] = errors[key] ? `${errors[key]}; ${issue.message}` : issue.message;
  }
  return errors;
}

/** Admins list users, create them with an initial password and change their roles. */
export function UsersAdmin() {
  const me = useMe();
  const isAdmin = me.data?.user?.role === "admin";
  const users = useUsers(isAdmin);
  const create = useCreateUser();
  const update = useUpdateUser();
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<string | null>(null);

  if (me.isPending) return <p>Loading…</p>;
  if (me.isError) return <p role="alert" className="error-banner">{errorMessage(me.error)}</p>;
  if (!isAdmin) return <p className="notice">Admins only.</p>;

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { username: form.get("username"), name: form.get("name"), role: form.get("role"), password: form.get("password") };
    setErrors({});
    setCreated(null);
    const checked = userCreateSchema.safeParse(input);
    if (!checked.success) {
      setErrors(issuesToErrors(checked.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }))));
      return;
    }
    try {
      const user = await create.mutateAsync(checked.data);
      setCreated(user.username);
      formElement.reset();
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setErrors(issuesToErrors(error.issues));
      else setErrors({ form: errorMessage(error) });
    }
  }

  function fieldProps(field: Field) {
    const error = errors[field];
    return { name: field, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `user-${field}-error` : undefined };
  }

  function fieldError(field: Field) {
    const error = errors[field];
    return error ? <span id={`user-${field}-error`} className="field-error" role="status">{error}</span> : null;
  }

  return (
    <div className="stack">
      <h2>Add a user</h2>
      <form onSubmit={(event) => void onCreate(event)} aria-label="Add a user" className="stack" noValidate>
        <label>
          Username
          <input {...fieldProps("username")} autoComplete="off" />
        </label>
        {fieldError("username")}
        <label>
          Name
          <input {...fieldProps("name")} autoComplete="off" />
        </label>
        {fieldError("name")}
        <label>
          Role
          <select {...fieldProps("role")} defaultValue="member">
            {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
          </select>
        </label>
        {fieldError("role")}
        <label>
          Initial password
          <input {...fieldProps("password")} type="password" autoComplete="new-password" />
        </label>
        {fieldError("password")}
        {errors.form ? <p role="alert" className="error-banner">{errors.form}</p> : null}
        {created ? <p role="status" className="notice">Created user {created}.</p> : null}
        <button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create user"}</button>
      </form>

      <h2>People</h2>
      {update.isError ? <p role="alert" className="error-banner">{errorMessage(update.error)}</p> : null}
      {users.isPending ? (
        <p>Loading…</p>
      ) : users.isError ? (
        <p role="alert" className="error-banner">{errorMessage(users.error)}</p>
      ) : (
        <div className="data-table-wrap">
          <table className="data-table" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <td>{user.username}</td>
                  <td>{user.name}</td>
                  <td>
                    <select
                      aria-label={`Role of ${user.username}`}
                      value={user.role}
                      disabled={update.isPending && update.variables.id === user.id}
                      onChange={(event) => update.mutate({ id: user.id, patch: { role: event.target.value as Role } })}
                    >
                      {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
