"use client";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { AdminsOnly } from "./admins-only";
import { type FieldErrors, errorMessage, fieldErrorsFrom } from "./field-errors";
import { useCreateUser, useMe, useUpdateUser, useUsers } from "@/lib/hooks/use-users";
import { roleSchema, type User, userCreateSchema, userPatchSchema } from "@/lib/schemas/auth";

type Role = User["role"];
const FIELDS = ["username", "name", "role", "password"] as const;
type Field = (typeof FIELDS)[number];
type Errors = FieldErrors<Field>;
const ROLES = roleSchema.options;

/** A new password typed by the admin; saving it ends the person's sessions. */
function SetPassword({ user }: { user: User }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState<string | null>(null);
  const [isDone, setIsDone] = useState(false);
  const checked = userPatchSchema.safeParse({ password: password ?? "" });
  const problem = password && !checked.success ? checked.error.issues[0]?.message : null;

  if (password === null) {
    return (
      <span className="row">
        <button type="button" onClick={() => { setPassword(""); setIsDone(false); }}>Set password</button>
        {isDone ? <span role="status" className="small muted">Password set; sessions ended.</span> : null}
      </span>
    );
  }
  return (
    <form
      className="row"
      aria-label={`Set the password of ${user.username}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!checked.success) return;
        update.mutate({ id: user.id, patch: { password } }, { onSuccess: () => { setPassword(null); setIsDone(true); } });
      }}
    >
      <input type="password" aria-label={`New password for ${user.username}`} value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" />
      <button type="submit" disabled={!checked.success || update.isPending}>Save</button>
      <button type="button" onClick={() => setPassword(null)}>Cancel</button>
      {problem ? <span className="field-error" role="status">{problem}</span> : null}
      {update.isError ? <span role="alert" className="error-banner">{errorMessage(update.error)}</span> : null}
    </form>
  );
}

function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useUpdateUser();
  return (
    <tr data-disabled={user.disabled || undefined}>
      <td>{user.username}</td>
      <td>{user.name}</td>
      <td>
        <select aria-label={`Role of ${user.username}`} value={user.role} disabled={update.isPending} onChange={(event) => update.mutate({ id: user.id, patch: { role: event.target.value as Role } })}>
          {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
        </select>
      </td>
      <td>
        <span className="row">
          {user.disabled ? <span className="badge">Disabled</span> : <span>Active</span>}
          {isSelf ? null : (
            <button type="button" disabled={update.isPending} onClick={() => update.mutate({ id: user.id, patch: { disabled: !user.disabled } })}>
              {user.disabled ? "Enable" : "Disable"}
            </button>
          )}
        </span>
        {update.isError ? <span role="alert" className="error-banner">{errorMessage(update.error)}</span> : null}
      </td>
      <td><SetPassword user={user} /></td>
    </tr>
  );
}

/** Admins list users, create them with an initial password, change their roles, reset passwords and disable people. */
export function UsersAdmin() {
  const me = useMe();
  const isAdmin = me.data?.user?.role === "admin";
  const users = useUsers(isAdmin);
  const create = useCreateUser();
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<string | null>(null);

  if (me.isPending) return <p>Loading…</p>;
  if (me.isError) return <p role="alert" className="error-banner">{errorMessage(me.error)}</p>;
  if (!isAdmin) return <AdminsOnly isSignedIn={Boolean(me.data?.user)} />;

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { username: form.get("username"), name: form.get("name"), role: form.get("role"), password: form.get("password") };
    setErrors({});
    setCreated(null);
    const checked = userCreateSchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsFrom(FIELDS, checked.error.issues));
      return;
    }
    try {
      const user = await create.mutateAsync(checked.data);
      setCreated(user.username);
      formElement.reset();
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setErrors(fieldErrorsFrom(FIELDS, error.issues));
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
                <th scope="col">Status</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => <UserRow key={user.id} user={user} isSelf={user.id === me.data.user?.id} />)}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
