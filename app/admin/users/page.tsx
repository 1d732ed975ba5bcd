import type { Metadata } from "next";
import { UsersAdmin } from "@/components/auth/users-admin";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <section>
      <h1>Users</h1>
      <UsersAdmin />
    </section>
  );
}
