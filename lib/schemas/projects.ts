import { z } from "zod";
import { IdSchema } from "@/lib/content/schema";

export const RepoUrlSchema = z
  .string()
  .trim()
  .max(300, "Use at most 300 characters.")
  .refine((value) => {
    if (value === "") return true;
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
    } catch {
      return false;
    }
  }, "Enter a full web address starting with https:// (or http://), like https://github.com/you/project.");

export const StartProjectSchema = z.strictObject({ projectId: IdSchema });
export const MilestoneSchema = z.strictObject({ projectId: IdSchema, milestoneId: IdSchema, done: z.boolean() });
export const RepoSchema = z.strictObject({ projectId: IdSchema, repoUrl: RepoUrlSchema });
