import { EmbedDenied } from "@/components/learner/embed-denied";
import { EmbedFrame } from "@/components/learner/embed-shell";
import { openEmbed, type EmbedAccess } from "@/server/api/embed-caller";
import { navOf, themeOf, type SearchParams } from "./params";

type Granted = Extract<EmbedAccess, { ok: true }>;

/**
 * What every embed page starts with: the theme and tabs from the URL, and who the learner is. When the token
 * (or session) is refused, `denied` is the whole page: the error, no data.
 */
export async function startEmbedPage(searchParams: SearchParams) {
  const params = await searchParams;
  const theme = themeOf(params.theme);
  const nav = navOf(params.nav);
  const access = await openEmbed(params.token, params.view);
  if (!access.ok) {
    return {
      ok: false as const,
      denied: (
        <EmbedFrame theme={theme}>
          <EmbedDenied reason={access.reason} />
        </EmbedFrame>
      ),
    };
  }
  return { ok: true as const, access: access as Granted, theme, nav, params };
}
