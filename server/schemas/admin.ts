import { z } from "zod";

export const whoamiOutput = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
});
