import { periodCloseFunction } from "./period-close";

export const monthlyClose = periodCloseFunction("monthly");
