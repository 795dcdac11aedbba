"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import type { RoleName } from "@/lib/auth/roles";
import { reportReachability } from "@/lib/client/connection";
import { rememberedMe, rememberMe } from "@/lib/client/offline-memory";

export type Me = { id: string; name: string; role: RoleName } | null;
export type MeState = { status: "loading" } | { status: "ready"; user: Me };

let inFlight: { path: string; promise: Promise<Me> } | undefined;

function fetchMe(path: string): Promise<Me> {
  if (inFlight?.path === path) return inFlight.promise;
  const promise = fetch("/api/me", { cache: "no-store" })
    .then((response) => (response.ok ? response.json() : { user: null }))
    .then((body: { user: Me }) => {
      reportReachability(true);
      rememberMe(body.user);
      return body.user;
    })
    // No connection: whoever was signed in last on this browser, so drafts and progress wait under their name.
    .catch(() => {
      reportReachability(false);
      return rememberedMe();
    });
  inFlight = { path, promise };
  return promise;
}

/**
 * The signed-in user for client components on static pages. Components on the same page share
 * one request; it is asked again after a navigation (sign-in redirects to a new page).
 */
export function useMe(): MeState {
  const pathname = usePathname();
  const [state, setState] = useState<MeState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    fetchMe(pathname).then((user) => live && setState({ status: "ready", user }));
    return () => {
      live = false;
    };
  }, [pathname]);
  return state;
}
