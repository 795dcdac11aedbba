import type { Metadata } from "next";
import { ChangeEmailForm, ChangePasswordForm, SignOutEverywhere } from "@/components/account/account-settings";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <div className="stack">
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {user.name} ({user.email}).
      </p>
      <section aria-labelledby="password-heading" className="card stack">
        <h2 id="password-heading">Password</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="email-heading" className="card stack">
        <h2 id="email-heading">Email</h2>
        <ChangeEmailForm email={user.email} />
      </section>
      <section aria-labelledby="devices-heading" className="card stack">
        <h2 id="devices-heading">Devices</h2>
        <p className="muted">Lost a device, or signed in somewhere you should not have? End every session, this one included.</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
