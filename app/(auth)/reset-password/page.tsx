import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <div className="auth-card card">
      <h1>Choose a new password</h1>
      <p className="muted">Every device signed in to your account will be signed out.</p>
      <ResetPasswordForm token={typeof token === "string" ? token : ""} />
    </div>
  );
}
