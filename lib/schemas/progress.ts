import { z } from "zod";
import { IdSchema, TRACK_IDS } from "@/lib/content/schema";

export const MarkCompleteSchema = z.strictObject({
  lessonId: IdSchema,
  complete: z.boolean(),
});
export type MarkComplete = z.infer<typeof MarkCompleteSchema>;

export const TrackQuerySchema = z.strictObject({ track: z.enum(TRACK_IDS) });
