import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const metadata: Metadata = { title: "Account" };

export default function AccountPage() {
  return (
    <section>
      <h1>Account</h1>
      <ChangePasswordForm />
    </section>
  );
}
