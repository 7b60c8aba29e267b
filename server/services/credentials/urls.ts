import { env } from "@/server/env";

// The public addresses credentials carry. The credential's own id is its verification page, so a credential's
// id is where anyone can check it. CREDENTIAL_BASE_URL must be the address the public reaches the app at.
export function credentialBaseUrl(): string {
  return env().CREDENTIAL_BASE_URL ?? (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export const issuerUrl = () => `${credentialBaseUrl()}/api/openbadges/issuer`;
export const keyUrl = (keyId: number) => `${issuerUrl()}#key-${keyId}`;
export const statusListUrl = () => `${credentialBaseUrl()}/api/openbadges/status/revocation`;
export const credentialUrl = (id: string) => `${credentialBaseUrl()}/credentials/${id}`;
export const achievementUrl = (key: string) => `${credentialBaseUrl()}/api/openbadges/achievements/${encodeURIComponent(key)}`;

/** An achievement's badge image: its own URL when it has one, else the built-in icon drawn as SVG. */
export const achievementImageUrl = (key: string, iconUrl: string) =>
  /^https?:\/\//.test(iconUrl) ? iconUrl : `${achievementUrl(key)}/image`;
