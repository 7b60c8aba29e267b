import { lmsRoutes } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import { courseRefInput, courseSchema, putCourseInput } from "@/server/schemas/courses";
import { getCourse, putCourse } from "@/server/services/course-catalog";

const route = lmsRoutes("courses");

export const coursesRouter = createTRPCRouter({
  get: route
    .get("/courses/{courseId}", "A course's title and difficulty, with its lessons'")
    .input(courseRefInput)
    .output(courseSchema)
    .query(({ ctx, input }) => getCourse(ctx.db, input.courseId)),

  put: route
    .put("/courses/{courseId}", "Create or update a course and the lessons listed (titles, difficulty)")
    .input(putCourseInput)
    .output(courseSchema)
    .mutation(({ ctx, input }) => putCourse(ctx.db, input)),
});
