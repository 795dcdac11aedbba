// GET /api/me - who is signed in (or null). Lets static pages show the account menu.
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/guards";
import { withRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = withRoute(async () => {
  const user = await getSessionUser();
  return NextResponse.json(
    { user: user ? { id: user.id, name: user.name, role: user.role } : null },
    { headers: { "Cache-Control": "private, no-store" } },
  );
});
