"use client";

import Link from "next/link";
import { useTransition } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { hasRole } from "@/lib/auth/roles";
import { useMe } from "@/lib/client/use-me";

export function AccountMenu() {
  const me = useMe();
  const [pending, startTransition] = useTransition();
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
      await signOutAction();
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
      <button type="button" className="button small" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </div>
  );
}
