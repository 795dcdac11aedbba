import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <div className="auth-card card">
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the email you signed up with, and we will send you a link to choose a new one.</p>
      <ForgotPasswordForm />
    </div>
  );
}
