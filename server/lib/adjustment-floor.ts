// DOMAIN.md Revision 2, "Manual adjustments": an adjustment may not take a learner's all-time total below
// zero. Pure, so the service (the rule, under the learner's row lock) and the dashboard form (which says so
// before asking) word it the same.

const points = new Intl.NumberFormat("en");

/** Why `adjustment` may not be applied to a learner holding `total` points, or null when it may. */
export function adjustmentFloorProblem(total: number, adjustment: number): { message: string; field: string } | null {
  if (total + adjustment >= 0) return null;
  return {
    message: `This adjustment would take the learner's total to ${points.format(total + adjustment)} points; the total may not go below 0 (${points.format(total)} points now).`,
    field: `would take the total below 0 (${points.format(total)} points now): at least ${points.format(0 - total)}`,
  };
}
