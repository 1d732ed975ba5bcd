// People, sessions and API tokens: the one contract for the auth routes, forms, OpenAPI and tests.
import { z } from "zod";

export const roleSchema = z.enum(["viewer", "member", "admin"]).describe("viewer reads; member also writes and owns tokens; admin also manages users");

const username = z.string().trim().min(2).max(40).regex(/^[a-z0-9._-]+$/i, "letters, digits, dot, dash or underscore");
const password = z.string().min(8, "at least 8 characters").max(200);
/** Longest password a sign-in or password change reads: a longer one is a 422 before anything is hashed. */
export const MAX_PASSWORD_LENGTH = 1024;
const givenPassword = z.string().min(1, "required").max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const signInSchema = z.strictObject({ username: z.string().trim().min(1, "required").max(200), password: givenPassword });
export type SignIn = z.infer<typeof signInSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean().describe("A disabled person cannot sign in; their sessions and tokens stop working"),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema.nullable(), publicReads: z.boolean() });
export type Me = z.infer<typeof meSchema>;

export const userCreateSchema = z.strictObject({ username, name: z.string().trim().min(1).max(100), role: roleSchema.default("member"), password });
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    role: roleSchema.optional(),
    password: password.optional().describe("A new password set by an admin; ends the person's sessions"),
    disabled: z.boolean().optional().describe("true: no sign-in, sessions ended, tokens refused; false: enabled again"),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), { message: "give name, role, password or disabled" });
export type UserPatch = z.infer<typeof userPatchSchema>;

export const passwordChangeSchema = z
  .strictObject({ currentPassword: givenPassword, newPassword: password })
  .refine((value) => value.newPassword !== value.currentPassword, { message: "must differ from the current password", path: ["newPassword"] });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const tokenCreateSchema = z.strictObject({ name: z.string().trim().min(1, "required").max(100) });

export const apiTokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The token's first 8 characters, to tell tokens apart"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;

export const createdTokenSchema = z.object({
  token: z.string().describe("The secret: send it as Authorization: Bearer <token>. Shown only in this response."),
  info: apiTokenInfoSchema,
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
