import type { Metadata } from "next";
import { VerifyLayout } from "@/components/credentials/verify-layout";

export const metadata: Metadata = { title: "Verify a credential" };

/** The verification page without a credential: paste or upload one. */
export default function VerifyPage() {
  return <VerifyLayout />;
}
