// GET /api/me - who is signed in (or null). Lets static pages show the account menu.
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getSessionUser();
  return NextResponse.json(
    { user: user ? { id: user.id, name: user.name, role: user.role } : null },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
