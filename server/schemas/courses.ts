import { z } from "zod";
import { externalIdSchema, titleSchema } from "./common";
import { DIFFICULTIES } from "./events";

// The course catalogue (API.md Revision 2, "Course catalogue: titles and difficulty").

export const MAX_CATALOG_LESSONS = 1000;

const difficultySchema = z.enum(DIFFICULTIES, { message: "must be easy, medium or hard" });

export const courseRefInput = z.object({ courseId: externalIdSchema });

export const putCourseInput = z.object({
  courseId: externalIdSchema,
  title: titleSchema.optional(),
  difficulty: difficultySchema.optional(),
  lessons: z
    .array(z.object({ lessonId: externalIdSchema, title: titleSchema.optional(), difficulty: difficultySchema.optional() }), {
      message: "must be an array of lessons",
    })
    .max(MAX_CATALOG_LESSONS, `must hold at most ${MAX_CATALOG_LESSONS} lessons`)
    .superRefine((lessons, ctx) => {
      const seen = new Set<string>();
      lessons.forEach((l, i) => {
        if (seen.has(l.lessonId)) ctx.addIssue({ code: "custom", path: [i, "lessonId"], message: "is listed twice" });
        seen.add(l.lessonId);
      });
    })
    .optional(),
});
export type PutCourseInput = z.infer<typeof putCourseInput>;

const catalogDifficulty = z.enum(DIFFICULTIES).nullable();

export const courseSchema = z.object({
  courseId: z.string(),
  title: z.string().nullable(),
  difficulty: catalogDifficulty,
  lessons: z.array(z.object({ lessonId: z.string(), title: z.string().nullable(), difficulty: catalogDifficulty })),
});
export type Course = z.infer<typeof courseSchema>;
