/**
 * The shapes and bounds of a plan's fields: one set for a plan however it arrives (JSON to the API, a
 * template's YAML, a spreadsheet), never looser than the database's CHECK constraints and column types,
 * so that what passes at the door is never refused by the database as a server error. Some are policy
 * where the database sets no bound (a ref's shape, a RAID item's text, a slip tolerance).
 */
export const PLAN_FIELDS = {
  ref: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  odsCode: /^[A-Z0-9]{3,10}$/,
  /** The key the NHS England return sums a trajectory's figures by. */
  metric: /^[a-z0-9-]{3,80}$/,
  metricRule: 'must be a metric key in kebab-case: 3 to 80 small letters, digits and dashes',
  /** Programmes, phases, milestones, trajectories and funding lines. */
  nameLength: 200,
  unitLength: 40,
  raidTitleLength: 300,
  /** A milestone's evidence, and the reason a baseline or a forecast moves. */
  evidenceLength: 2000,
  /** A RAID item's description and mitigation. */
  raidTextLength: 4000,
  /** Who approved a rebaseline, where a spreadsheet names them. */
  approverLength: 200,
  /** A year of working days: a slip tolerance beyond it tolerates everything. */
  mostSlipWorkingDays: 260,
  /** Trajectory figures are numeric(16, 4): twelve digits before the point. */
  mostTrajectoryValue: 999_999_999_999,
} as const;
