// Names shared by the server and the embed's browser code (kept free of imports, so a client bundle can use it).

export const EMBED_SESSION_COOKIE = "gamify_embed";
/** The embed page's client islands send the session here; mutations accept it only from this header. */
export const EMBED_SESSION_HEADER = "x-gamify-embed-session";

export const EMBED_PAGES = ["leaderboard", "profile", "streak"] as const;
export type EmbedPage = (typeof EMBED_PAGES)[number];

export const EMBED_THEMES = ["light", "dark"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];
