import type { ActionResult } from "@/lib/actions/result";

// Components call server actions from event handlers through this helper. A call that never gets an
// answer (offline, the server restarting, a bug that became a 500) becomes an ordinary failure the
// component already knows how to show, instead of an exception nothing catches. Forms submitted with
// useActionState do not need it: React hands their failures to the error boundary (app/error.tsx).

export const UNREACHABLE = "We could not reach the server. Check your connection and try again.";
/** For forms whose answers stay on the page after the failure. */
export const UNREACHABLE_ANSWERS_KEPT = "We could not reach the server. Your answers are still here: try again.";

export async function callAction<T extends object>(
  call: () => Promise<ActionResult<T>>,
  unreachable = UNREACHABLE,
): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: unreachable };
  }
}
