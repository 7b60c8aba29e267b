-- The course catalogue (API.md Revision 2 "Course catalogue: titles and difficulty", issue 19): the existing
-- "name" columns hold the titles; a course and a lesson gain a difficulty, set by PUT /api/v1/courses/{courseId},
-- that an event without its own difficulty takes.

-- AlterTable
ALTER TABLE "course" ADD COLUMN "difficulty" TEXT;

-- AlterTable
ALTER TABLE "lesson" ADD COLUMN "difficulty" TEXT;
