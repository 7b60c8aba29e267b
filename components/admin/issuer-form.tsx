"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { readError } from "./trpc-errors";

export interface IssuerFormValues {
  name: string;
  url: string;
  email: string | null;
  imageUrl: string | null;
  hashRecipient: boolean;
}

/** The issuer profile every credential names (name, web site, e-mail, image) and how learners are identified. */
export function IssuerForm({ initial }: { initial: IssuerFormValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const save = useMutation(
    trpc.admin.credentials.saveIssuer.mutationOptions({
      onSuccess: () => {
        toast.success("Issuer profile saved. New credentials name it.");
        router.refresh();
      },
    }),
  );
  const error = save.error ? readError(save.error) : null;
  const set = (key: keyof IssuerFormValues) => (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value });

  return (
    <form
      className="flex max-w-xl flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...values, email: values.email?.trim() || null, imageUrl: values.imageUrl?.trim() || null });
      }}
    >
      <Field id="issuer-name" label="Organisation name" error={error?.fields.name}>
        {(c) => <Input {...c} value={values.name} onChange={set("name")} required />}
      </Field>
      <Field id="issuer-url" label="Web site" hint="The organisation's public home page." error={error?.fields.url}>
        {(c) => <Input {...c} type="url" value={values.url} onChange={set("url")} required />}
      </Field>
      <Field id="issuer-email" label="Contact e-mail" error={error?.fields.email}>
        {(c) => <Input {...c} type="email" value={values.email ?? ""} onChange={set("email")} />}
      </Field>
      <Field
        id="issuer-image"
        label="Logo URL"
        hint="An https:// address of the organisation's logo (PNG or SVG)."
        error={error?.fields.imageUrl}
      >
        {(c) => <Input {...c} type="url" value={values.imageUrl ?? ""} onChange={set("imageUrl")} />}
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={values.hashRecipient}
          onChange={(e) => setValues({ ...values, hashRecipient: e.target.checked })}
        />
        <span>
          <span className="font-medium">Hide the learner&apos;s LMS id in credentials</span>
          <span className="block text-xs text-muted-foreground">
            Credentials then carry a salted SHA-256 hash of the id (an Open Badges IdentityObject): the learner can prove it is theirs,
            nobody can read it.
          </span>
        </span>
      </label>
      <FormError error={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save issuer profile"}
        </Button>
      </div>
    </form>
  );
}

/** Rotation: a new signing key; the old ones stay published, so every credential already issued still verifies. */
export function RotateKeyButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const rotate = useMutation(
    trpc.admin.credentials.rotateKey.mutationOptions({
      onSuccess: (key) => {
        toast.success(`Key ${key.id} now signs new credentials.`);
        setOpen(false);
        router.refresh();
      },
      onError: (e) => toast.error(readError(e).message),
    }),
  );
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Rotate signing key
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Rotate the signing key?"
        confirmLabel="Rotate key"
        pendingLabel="Rotating…"
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate()}
      >
        New credentials are signed with a new key. The current key stays published in the issuer profile, so credentials it signed keep
        verifying.
      </ConfirmDialog>
    </>
  );
}
