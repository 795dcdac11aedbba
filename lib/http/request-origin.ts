import "server-only";
import { headers } from "next/headers";

/** The origin the visitor used; only for links written to the log when no APP_URL is set (lib/mail.ts). */
export async function requestOrigin(): Promise<string> {
  const given = await headers();
  const host = given.get("x-forwarded-host") ?? given.get("host") ?? "localhost";
  return `${given.get("x-forwarded-proto") ?? "http"}://${host}`;
}
