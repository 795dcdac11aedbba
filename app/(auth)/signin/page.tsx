import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/guards";
import { safeCallbackUrl } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="auth-card card">
      <h1>Sign in</h1>
      <p className="muted">Pick up where you left off.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
