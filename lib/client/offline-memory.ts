// What the page remembers in localStorage so a lesson opened without a connection still knows who is reading
// and what they finished: the last signed-in user, each track's last progress, and lessons marked complete or
// not while offline, waiting to be sent (docs/decisions/0026-offline.md). Client-side only. Nothing here is
// trusted by the server: the queue is replayed through the same server action as a click.
import type { Me } from "@/lib/client/use-me";
import type { TrackState } from "@/lib/progress";

const ME_KEY = "crossroads:me";
const progressKey = (userId: string, trackId: string) => `crossroads:progress:${userId}:${trackId}`;
const pendingKey = (userId: string) => `crossroads:pending-completions:${userId}`;

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: offline reading still works, it just forgets.
  }
}

export const rememberMe = (user: Me) => write(ME_KEY, user);
export const rememberedMe = () => read<Me>(ME_KEY);

export const rememberProgress = (userId: string, trackId: string, state: TrackState) => write(progressKey(userId, trackId), state);
export const rememberedProgress = (userId: string, trackId: string) => read<TrackState>(progressKey(userId, trackId));

/** lessonId -> complete, the latest wish per lesson. */
export type PendingCompletions = Record<string, boolean>;

export const pendingCompletions = (userId: string): PendingCompletions => read<PendingCompletions>(pendingKey(userId)) ?? {};

export function queueCompletion(userId: string, lessonId: string, complete: boolean): void {
  write(pendingKey(userId), { ...pendingCompletions(userId), [lessonId]: complete });
}

/** A track's progress with the lessons waiting to be sent applied, as the learner expects to see it. */
export function withPending(state: TrackState, pending: PendingCompletions): TrackState {
  const ids = new Set(state.completedLessonIds);
  for (const [lessonId, complete] of Object.entries(pending)) {
    if (complete) ids.add(lessonId);
    else ids.delete(lessonId);
  }
  return { ...state, completedLessonIds: [...ids] };
}

/**
 * Sends each waiting change; a change the server took (or refused for good, say an unknown lesson) leaves the
 * queue, one that could not reach it stays. Returns what is still waiting.
 */
export async function flushCompletions(
  userId: string,
  send: (lessonId: string, complete: boolean) => Promise<"sent" | "refused" | "unreachable">,
): Promise<PendingCompletions> {
  for (const [lessonId, complete] of Object.entries(pendingCompletions(userId))) {
    const outcome = await send(lessonId, complete);
    if (outcome === "unreachable") break;
    const now = pendingCompletions(userId);
    // Only forget it if the learner did not change their mind while it was being sent.
    if (now[lessonId] === complete) {
      delete now[lessonId];
      write(pendingKey(userId), Object.keys(now).length ? now : null);
    }
  }
  return pendingCompletions(userId);
}
