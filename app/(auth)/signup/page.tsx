import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSessionUser } from "@/lib/auth/guards";
import { safeCallbackUrl } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="auth-card card">
      <h1>Create your account</h1>
      <p className="muted">Free. Saves your progress, drafts, quiz scores and chooser results.</p>
      <SignUpForm callbackUrl={callbackUrl} />
    </div>
  );
}
