"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { readError } from "@/components/admin/trpc-errors";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { VerificationResult } from "./verification-result";

/** Check a downloaded copy: paste its JSON or pick the file; the server verifies it against this issuer. */
export function PasteCredential() {
  const trpc = useTRPC();
  const [json, setJson] = useState("");
  const check = useMutation(trpc.credentials.checkPasted.mutationOptions());
  const error = check.error ? readError(check.error) : null;

  async function pick(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setJson(text);
    check.mutate({ json: text });
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        check.mutate({ json });
      }}
    >
      <label htmlFor="credential-json" className="text-sm font-medium">
        Credential JSON
      </label>
      <Textarea id="credential-json" rows={8} value={json} onChange={(e) => setJson(e.target.value)} className="font-mono text-xs" />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={check.isPending || json.trim() === ""}>
          {check.isPending ? "Checking…" : "Check credential"}
        </Button>
        <label className="text-sm text-muted-foreground">
          or upload a file{" "}
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Credential file"
            onChange={(e) => void pick(e.target.files?.[0])}
            className="text-sm"
          />
        </label>
      </div>
      {error && <p className="text-sm text-danger">{error.fields.json ?? error.message}</p>}
      {check.data && <VerificationResult check={check.data} />}
    </form>
  );
}
