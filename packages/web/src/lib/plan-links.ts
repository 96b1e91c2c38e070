/**
 * Links into sign-up for a chosen plan. After the account is made the form follows `next`
 * back to the sign-up page, signed in, with `trial=start`, which starts the plan's free trial.
 */

/** Where sign-up for a plan continues once the account exists. */
export function afterSignup(planId: string): string {
  return `/signup?plan=${encodeURIComponent(planId)}&trial=start`;
}

/** The sign-up link for a plan, with its way back already in it (works before hydration). */
export function signupFor(planId: string): string {
  return `/signup?plan=${encodeURIComponent(planId)}&next=${encodeURIComponent(afterSignup(planId))}`;
}
