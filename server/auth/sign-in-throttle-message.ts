// What a throttled sign-in tells the sign-in form. next-auth's signIn() hands the form only the `error`
// parameter of the URL it is answered, so that parameter carries the wait: `TooManyAttempts:<seconds>`.
// Read by the sign-in route and authorize (server side) and by the form (browser): no server imports here.

const THROTTLED = "TooManyAttempts";

/** The next-auth error of a sign-in refused for `retryAfterSeconds`. */
export function throttledSignInError(retryAfterSeconds: number): string {
  return `${THROTTLED}:${retryAfterSeconds}`;
}

/** The seconds to wait, when `error` is a throttled sign-in's; otherwise null. */
export function readThrottledSignInError(error: string | null | undefined): number | null {
  const match = new RegExp(`^${THROTTLED}:(\\d+)$`).exec(error ?? "");
  return match ? Number(match[1]) : null;
}

/** The sentence the form shows: whole minutes, rounded up, so the wait never ends before the refusal does. */
export function throttledSignInMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
