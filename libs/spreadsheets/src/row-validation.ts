import { PLAN_FIELDS, raidScoreProblems, trajectoryValueProblem } from '@pmo/domain';
import type { TrajectoryBasis } from '@pmo/domain';
import { z } from 'zod';
import { COLUMN_LAYOUT, findColumn } from './column-layout';
import type { Column } from './column-layout';
import { unescapeFormula } from './formula-guard';
import type {
  Located,
  MilestoneSheetRow,
  ParsedWorkbook,
  ParseResult,
  RaidSheetRow,
  SheetName,
  SheetProblem,
  TrajectoryActualRow,
  TrajectoryPlanRow,
} from './programme-workbook';

/** A sheet as a reader found it, every cell as text: the header row, then the rows below it. */
export interface RawSheet {
  header: string[];
  rows: RawRow[];
}

export interface RawRow {
  /** The spreadsheet row number: the header is 1, the first data row 2. */
  rowNumber: number;
  cells: string[];
  /** The columns (from 0) whose cell is a formula saved without its result, so that its text says nothing. */
  formulasWithoutResult?: number[];
}

/** One row's cells by field, trimmed and with the formula guard taken off; a blank cell is ''. */
type Cells<Row> = { [Key in keyof Row]: string };

interface CellProblem<Row> {
  key: keyof Row & string;
  reason: string;
}

interface SheetRules<Row> {
  columns: readonly Column<Row>[];
  /** The rules of each cell on its own, with the defaults blank cells take. */
  schema: z.ZodType<Row, Cells<Row>>;
  /** The rules that tie one cell of a row to another. */
  crossCheck: (cells: Cells<Row>) => CellProblem<Row>[];
  /** The fields no two rows may share; the later row is the one reported. */
  uniqueBy: readonly [keyof Row & string, ...(keyof Row & string)[]];
}

/** A plan without milestones is no plan; trajectories and RAID may simply not have started. */
const REQUIRED_SHEET: SheetName = 'Milestones';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** What Excel shows (and writes to CSV) for a formula that failed. */
const SPREADSHEET_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/;

const MILESTONE_KINDS = ['delivery', 'governance-gate', 'decision'] as const satisfies readonly MilestoneSheetRow['kind'][];
const BASES = [
  'practices-count',
  'practices-percent',
  'registered-population-percent',
  'weighted-population-percent',
  'wte',
  'money-pence',
] as const satisfies readonly TrajectoryPlanRow['basis'][];
const RAID_TYPES = ['risk', 'issue', 'assumption', 'decision'] as const satisfies readonly RaidSheetRow['type'][];
const RAID_STATUSES = ['open', 'closed'] as const satisfies readonly RaidSheetRow['status'][];

const ref = z.string().regex(PLAN_FIELDS.ref, 'must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit');
const day = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
const month = z.string().regex(PLAN_FIELDS.month, 'must be a month as YYYY-MM');
const email = z.email({ error: 'must be an email address' });
const metric = z.string().regex(PLAN_FIELDS.metric, PLAN_FIELDS.metricRule);
const odsCode = z.string().regex(PLAN_FIELDS.odsCode, 'must be an ODS code: 3 to 10 capital letters or digits');
const quantity = z
  .string()
  .refine(isNumber, 'must be a number')
  .transform(Number)
  .pipe(z.number().min(0, 'must be 0 or more').max(PLAN_FIELDS.mostTrajectoryValue, `must be at most ${PLAN_FIELDS.mostTrajectoryValue}`));
const score = z.string().regex(/^[1-5]$/, 'must be a whole number from 1 to 5').transform(Number);
const refList = z
  .string()
  .transform((cell) => cell.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .refine((refs) => refs.every((item) => PLAN_FIELDS.ref.test(item)), 'must be refs separated by commas');
const raidType = oneOf(RAID_TYPES);
const yesOrNo = z
  .string()
  .transform((cell) => cell.toLowerCase())
  .pipe(z.enum(['yes', 'no'], { error: 'must be yes or no' }))
  .transform((cell) => cell === 'yes');

/** Free text, as long as the same field of a plan sent as JSON may be. */
function text(most: number) {
  return (
    z
      .string()
      .max(most, `must be at most ${most} characters`)
      // A workbook's XML may carry U+0000 escaped as `_x0000_`, which PostgreSQL's text and jsonb cannot store.
      .refine((cell) => !cell.includes('\u0000'), 'must not hold the NUL character (U+0000)')
  );
}

function oneOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

function required<Output>(rule: z.ZodType<Output, string>) {
  return z.string().min(1, 'is required').pipe(rule);
}

function optional<Output>(rule: z.ZodType<Output, string>) {
  return z
    .string()
    .transform((cell) => (cell === '' ? null : cell))
    .pipe(rule.nullable());
}

function isNumber(cell: string): boolean {
  return DECIMAL.test(cell) && Number.isFinite(Number(cell));
}

const MILESTONE_RULES: SheetRules<MilestoneSheetRow> = {
  columns: COLUMN_LAYOUT.Milestones,
  schema: z
    .object({
      ref: required(ref),
      name: required(text(PLAN_FIELDS.nameLength)),
      kind: required(oneOf(MILESTONE_KINDS)),
      phase: optional(ref),
      baselineDate: required(day),
      forecastDate: optional(day),
      actualDate: optional(day),
      ownerEmail: required(email),
      predecessors: refList,
      acceptedOverlap: optional(yesOrNo),
      evidence: optional(text(PLAN_FIELDS.evidenceLength)),
      rebaselineReason: optional(text(PLAN_FIELDS.evidenceLength)),
      rebaselineApprover: optional(text(PLAN_FIELDS.approverLength)),
    })
    .transform((row) => ({ ...row, forecastDate: row.forecastDate ?? row.baselineDate })),
  crossCheck: (cells) => {
    const needsBoth = 'rebaselining needs both a reason and an approver';
    if (cells.rebaselineReason !== '' && cells.rebaselineApprover === '') return [{ key: 'rebaselineApprover', reason: needsBoth }];
    if (cells.rebaselineReason === '' && cells.rebaselineApprover !== '') return [{ key: 'rebaselineReason', reason: needsBoth }];
    return [];
  },
  uniqueBy: ['ref'],
};

const TRAJECTORY_PLAN_RULES: SheetRules<TrajectoryPlanRow> = {
  columns: COLUMN_LAYOUT['Trajectory plan'],
  schema: z.object({
    trajectoryRef: required(ref),
    metric: required(metric),
    name: required(text(PLAN_FIELDS.nameLength)),
    unit: required(text(PLAN_FIELDS.unitLength)),
    basis: required(oneOf(BASES)),
    month: required(month),
    plannedValue: required(quantity),
  }),
  crossCheck: (cells) => {
    const problem = BASES.includes(cells.basis as TrajectoryBasis) && isNumber(cells.plannedValue) ? trajectoryValueProblem(cells.basis as TrajectoryBasis, 'planned', Number(cells.plannedValue)) : null;
    return problem === null ? [] : [{ key: 'plannedValue', reason: problem }];
  },
  uniqueBy: ['trajectoryRef', 'month'],
};

const TRAJECTORY_ACTUAL_RULES: SheetRules<TrajectoryActualRow> = {
  columns: COLUMN_LAYOUT['Trajectory actuals'],
  schema: z.object({
    trajectoryRef: required(ref),
    month: required(month),
    odsCode: required(odsCode),
    value: required(quantity),
  }),
  crossCheck: () => [],
  uniqueBy: ['trajectoryRef', 'month', 'odsCode'],
};

const RAID_RULES: SheetRules<RaidSheetRow> = {
  columns: COLUMN_LAYOUT.RAID,
  schema: z.object({
    ref: required(ref),
    type: required(raidType),
    title: required(text(PLAN_FIELDS.raidTitleLength)),
    description: optional(text(PLAN_FIELDS.raidTextLength)),
    ownerEmail: optional(email),
    likelihood: optional(score),
    impact: optional(score),
    mitigation: optional(text(PLAN_FIELDS.raidTextLength)),
    reviewDate: optional(day),
    status: z
      .string()
      .transform((cell) => cell || 'open')
      .pipe(oneOf(RAID_STATUSES)),
  }),
  crossCheck: (cells) => {
    const type = raidType.safeParse(cells.type);
    return type.success ? raidScoreProblems(type.data, { likelihood: cells.likelihood !== '', impact: cells.impact !== '' }) : [];
  },
  uniqueBy: ['ref'],
};

/**
 * Turns the sheets a reader found into typed rows, or every problem found in them. `expected` names the
 * sheets the file should carry (all four for a workbook, one for a CSV file); an expected sheet that is
 * absent or wholly blank is read as no rows, except Milestones, which is reported.
 */
export function parseSheets(expected: readonly SheetName[], found: Partial<Record<SheetName, RawSheet>>): ParseResult {
  const problems: SheetProblem[] = [];
  const read = <Row>(sheet: SheetName, rules: SheetRules<Row>): Located<Row>[] =>
    expected.includes(sheet) ? readSheet(sheet, rules, found[sheet], problems) : [];
  const workbook: ParsedWorkbook = {
    milestones: read('Milestones', MILESTONE_RULES),
    trajectoryPlan: read('Trajectory plan', TRAJECTORY_PLAN_RULES),
    trajectoryActuals: read('Trajectory actuals', TRAJECTORY_ACTUAL_RULES),
    raid: read('RAID', RAID_RULES),
  };
  return problems.length === 0 ? { ok: true, workbook } : { ok: false, problems };
}

function readSheet<Row>(sheet: SheetName, rules: SheetRules<Row>, raw: RawSheet | undefined, problems: SheetProblem[]): Located<Row>[] {
  if (raw === undefined || isBlankSheet(raw)) {
    if (sheet === REQUIRED_SHEET) problems.push({ sheet, row: 1, column: '(sheet)', reason: raw === undefined ? 'is missing' : 'is empty' });
    return [];
  }
  const placed = matchHeader(sheet, rules.columns, raw, problems);
  if (placed === undefined) return [];

  const rows: Located<Row>[] = [];
  const firstRowByKey = new Map<string, number>();
  for (const { rowNumber, cells: rawCells, formulasWithoutResult = [] } of raw.rows) {
    if (rawCells.every((cell) => clean(cell) === '') && formulasWithoutResult.length === 0) continue;
    // The header check placed every column of the layout, so each field of the row gets its cell.
    const cells = Object.fromEntries(rules.columns.map((column) => [column.key, clean(rawCells[placed.find((place) => place.column === column)?.index ?? -1] ?? '')])) as Cells<Row>;
    const unsaved = placed.filter(({ index }) => formulasWithoutResult.includes(index)).map(({ column }) => column.key);
    const found = checkRow(rules, cells, rowNumber, firstRowByKey, unsaved);
    if (found.problems.length > 0) {
      problems.push(...found.problems.map(({ key, reason }) => ({ sheet, row: rowNumber, column: headingOf(rules.columns, key), reason })));
    } else if (found.row !== undefined) {
      rows.push({ ...found.row, rowNumber });
    }
  }
  return rows;
}

function checkRow<Row>(
  rules: SheetRules<Row>,
  cells: Cells<Row>,
  rowNumber: number,
  firstRowByKey: Map<string, number>,
  unsaved: readonly (keyof Row & string)[],
): { row?: Row; problems: CellProblem<Row>[] } {
  const keys = rules.columns.map((column) => column.key);
  // A cell showing a failed formula, or a formula saved without its result, gets that said of it, not also what its text fails.
  const failed = keys.filter((key) => SPREADSHEET_ERROR.test(cells[key]));
  const broken = new Set([...failed, ...unsaved]);
  const problems: CellProblem<Row>[] = [
    ...failed.map((key) => ({ key, reason: `holds the spreadsheet error ${cells[key]}` })),
    ...unsaved.map((key) => ({ key, reason: 'is a formula saved without its result: open and save the file in a spreadsheet program, or type the value in' })),
  ];

  const parsed = rules.schema.safeParse(cells);
  const issues = parsed.success ? [] : parsed.error.issues;
  for (const issue of issues) {
    const key = keys.find((candidate) => candidate === issue.path[0]);
    if (key !== undefined && !broken.has(key)) problems.push({ key, reason: issue.message });
  }
  problems.push(...rules.crossCheck(cells).filter(({ key }) => !broken.has(key)));

  const unique = rules.uniqueBy.map((key) => cells[key]);
  if (unique.every((cell) => cell !== '')) {
    const uniqueKey = JSON.stringify(unique);
    const firstRow = firstRowByKey.get(uniqueKey);
    if (firstRow === undefined) firstRowByKey.set(uniqueKey, rowNumber);
    else problems.push({ key: rules.uniqueBy[0], reason: `repeats the ${listOf(rules.uniqueBy.map((key) => headingOf(rules.columns, key)))} of row ${firstRow}` });
  }

  problems.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
  return { row: parsed.success ? parsed.data : undefined, problems };
}

/**
 * Where each column of the layout sits in the sheet. Reports headings that are missing, repeated or
 * unknown, and values under no heading; returns nothing when the rows cannot be read for want of a
 * column or for doubt about which of two columns is meant.
 */
function matchHeader<Row>(
  sheet: SheetName,
  columns: readonly Column<Row>[],
  raw: RawSheet,
  problems: SheetProblem[],
): { column: Column<Row>; index: number }[] | undefined {
  const placed: { column: Column<Row>; index: number }[] = [];
  let readable = true;
  raw.header.forEach((cell, index) => {
    const typed = clean(cell);
    if (typed === '') return;
    const column = findColumn(columns, typed);
    if (column === undefined) {
      problems.push({ sheet, row: 1, column: typed, reason: 'is not a column of this sheet' });
    } else if (placed.some((place) => place.column === column)) {
      readable = false;
      problems.push({ sheet, row: 1, column: column.heading, reason: 'appears more than once' });
    } else {
      placed.push({ column, index });
    }
  });
  for (const column of columns) {
    if (!column.optional && !placed.some((place) => place.column === column)) {
      readable = false;
      problems.push({ sheet, row: 1, column: column.heading, reason: 'is missing' });
    }
  }
  const width = raw.rows.reduce((widest, row) => Math.max(widest, row.cells.length), 0);
  for (let index = 0; index < width; index += 1) {
    const unheaded = clean(raw.header[index] ?? '') === '';
    if (unheaded && raw.rows.some((row) => clean(row.cells[index] ?? '') !== '')) {
      problems.push({ sheet, row: 1, column: `column ${columnLetters(index)}`, reason: 'has values but no heading' });
    }
  }
  return readable ? placed : undefined;
}

/** People pad cells with spaces without meaning to; the apostrophe is the exporter's formula guard. */
function clean(cell: string): string {
  return unescapeFormula(cell.trim());
}

function isBlankSheet(raw: RawSheet): boolean {
  return raw.header.every((cell) => clean(cell) === '') && raw.rows.every((row) => row.cells.every((cell) => clean(cell) === ''));
}

function headingOf<Row>(columns: readonly Column<Row>[], key: keyof Row & string): string {
  return columns.find((column) => column.key === key)?.heading ?? key;
}

function listOf(items: string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Excel's name for a column: A to Z, then AA, AB and so on. */
function columnLetters(index: number): string {
  let letters = '';
  for (let position = index + 1; position > 0; position = Math.floor((position - 1) / 26)) {
    letters = String.fromCharCode(65 + ((position - 1) % 26)) + letters;
  }
  return letters;
}
