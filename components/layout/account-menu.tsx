"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { signOutAction } from "@/lib/actions/auth";
import { hasRole } from "@/lib/auth/roles";
import { callAction } from "@/lib/client/call-action";
import { useMe } from "@/lib/client/use-me";

export function AccountMenu() {
  const me = useMe();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (me.status === "loading") return <div className="account" aria-busy="true" style={{ minWidth: 150 }} />;
  const user = me.user;
  if (!user) {
    return (
      <div className="account">
        <Link href="/signin">Sign in</Link>
        <Link href="/signup" className="button small primary">
          Sign up
        </Link>
      </div>
    );
  }
  const signOut = () =>
    startTransition(async () => {
      const result = await callAction(() => signOutAction());
      if (!result.ok) return setError(result.error ?? null);
      // A full load drops every piece of client state that belonged to the signed-in user.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- intended full reload
      window.location.assign("/");
    });
  return (
    <div className="account">
      {hasRole(user.role, "INSTRUCTOR") && <Link href="/instructor">Instructor</Link>}
      {hasRole(user.role, "ADMIN") && <Link href="/admin">Admin</Link>}
      <Link href="/dashboard" data-testid="account-name">
        {user.name}
      </Link>
      <Link href="/account">Account</Link>
      <button type="button" className="button small" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {error && (
        <span role="alert" className="small field-error">
          {error}
        </span>
      )}
    </div>
  );
}
