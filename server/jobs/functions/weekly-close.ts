import { periodCloseFunction } from "./period-close";

export const weeklyClose = periodCloseFunction("weekly");
