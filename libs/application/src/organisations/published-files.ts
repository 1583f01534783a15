import { parse } from 'csv-parse/sync';
import { PLAN_FIELDS } from '@pmo/domain';
import { daySchema } from '../programme-definition/programme-definition.schema';
import type { FieldProblem } from '../application.error';

/** A file as it came: its name (for problems) and its text. */
export interface NamedFile {
  name: string;
  text: string;
}

/** One row of an ODS file: a GP practice (epraccur) or a commissioner (eccg). */
export interface OdsRow {
  line: number;
  odsCode: string;
  name: string;
  nationalGrouping: string;
  healthGeography: string | null;
  openedOn: string | null;
  closedOn: string | null;
}

export interface PracticeRow extends OdsRow {
  commissioner: string;
}

export interface PcnMemberRow {
  line: number;
  practice: string;
  pcn: string;
  pcnName: string;
  pcnCommissioner: string | null;
  startOn: string;
  endOn: string | null;
}

/** A list size from a file: registered patients (NHS Digital) or a weighted population (the ICB's own). */
export interface ListSizeRow {
  line: number;
  odsCode: string;
  asAt: string;
  value: number;
}

/** What a file (by its name) gave, what it left out on purpose (rows of no interest), and its bad rows. */
export interface FileReading<Row> {
  file: string;
  rows: Row[];
  leftOut: number;
  problems: FieldProblem[];
}

// The bounds a plan's organisations and names have, so that an imported row never meets a database CHECK.
const ODS_CODE = PLAN_FIELDS.odsCode;
const NAME_LENGTH = PLAN_FIELDS.nameLength;
/** ODS's prescribing setting for a GP practice; walk-in centres, out of hours and the rest have others. */
const GP_PRACTICE_SETTING = '4';

/** Tells a problem with one cell; readers go on to the row's other cells, so that every problem is told at once. */
type Problem = (reason: string) => void;

/**
 * ODS's GP practice file, epraccur.csv: no header row, 27 columns (docs/organisations.md cites the layout).
 * Only GP practices (prescribing setting 4) are read; the other rows are counted as left out.
 */
export function readPractices(file: NamedFile): FileReading<PracticeRow> {
  return readOdsRows(file, 26, (cells, located) =>
    cells[25].trim() === GP_PRACTICE_SETTING ? { ...odsRow(cells, located), commissioner: code(cells[14], located('Commissioner')) } : null,
  );
}

/** ODS's CCG and sub-ICB location file, eccg.csv: the same layout as epraccur for its first 12 columns. */
export function readCommissioners(file: NamedFile): FileReading<OdsRow> {
  return readOdsRows(file, 12, odsRow);
}

/** A row with any problem is left out of the rows; so is one its reader returns null for, counted as left out. */
function readRows<Row>(
  file: NamedFile,
  rows: { cells: string[]; line: number }[],
  reading: FileReading<Row & { line: number }>,
  read: (cells: string[], located: (field: string) => Problem) => Row | null,
  identity: (row: Row) => string,
  repeated: string,
): FileReading<Row & { line: number }> {
  const seen = new Set<string>();
  for (const { cells, line } of rows) {
    const before = reading.problems.length;
    const row = read(cells, (field) => (reason) => reading.problems.push({ file: file.name, line, field, reason }));
    if (reading.problems.length > before) continue;
    if (row === null) {
      reading.leftOut += 1;
      continue;
    }
    if (seen.has(identity(row))) reading.problems.push({ file: file.name, line, field: '(row)', reason: `${repeated} as an earlier line` });
    seen.add(identity(row));
    reading.rows.push({ ...row, line });
  }
  return reading;
}

function readOdsRows<Row extends Omit<OdsRow, 'line'>>(
  file: NamedFile,
  columns: number,
  read: (cells: string[], located: (field: string) => Problem) => Row | null,
): FileReading<Row & { line: number }> {
  const reading: FileReading<Row & { line: number }> = { file: file.name, rows: [], leftOut: 0, problems: [] };
  const rows = records(file, reading.problems).filter(({ cells, line }) => {
    if (cells.length >= columns) return true;
    reading.problems.push({ file: file.name, line, field: '(row)', reason: `has ${cells.length} columns; the publisher's layout has at least ${columns}` });
    return false;
  });
  return readRows(file, rows, reading, read, (row) => row.odsCode, 'has the same Organisation Code');
}

/** The columns epraccur and eccg share: code, name, national grouping, high level health geography, open and close dates. */
function odsRow(cells: string[], located: (field: string) => Problem): Omit<OdsRow, 'line'> {
  const openedOn = odsDate(cells[10], located('Open Date'));
  const closedOn = odsDate(cells[11], located('Close Date'));
  if (openedOn !== null && closedOn !== null && closedOn < openedOn) located('Close Date')(`is before the Open Date (${openedOn})`);
  return {
    odsCode: code(cells[0], located('Organisation Code')),
    name: name(cells[1], located('Name')),
    nationalGrouping: code(cells[2], located('National Grouping')),
    healthGeography: cells[3].trim() === '' ? null : code(cells[3], located('High Level Health Geography')),
    openedOn,
    closedOn,
  };
}

/** PCN core partner details (ODS's ePCN workbook, that sheet saved as CSV): read by its headings. */
export function readPcnMembers(file: NamedFile): FileReading<PcnMemberRow> {
  return readByHeadings(
    file,
    {
      practice: ['Partner Organisation Code'],
      pcn: ['PCN Code'],
      pcnName: ['PCN Name'],
      pcnCommissioner: ['PCN Parent Sub ICB Location Code', 'PCN Parent Sub ICB Loc Code', 'PCN Parent CCG Code'],
      startOn: ['Practice to PCN Relationship Start Date'],
      endOn: ['Practice to PCN Relationship End Date'],
    },
    ['pcnCommissioner', 'endOn'],
    (cell, located) => {
      const startOn = anyDate(cell.startOn, located('startOn'));
      const endOn = cell.endOn.trim() === '' ? null : anyDate(cell.endOn, located('endOn'));
      if (endOn !== null && endOn < startOn) located('endOn')(`is before the start date (${startOn})`);
      return {
        practice: code(cell.practice, located('practice')),
        pcn: code(cell.pcn, located('pcn')),
        pcnName: name(cell.pcnName, located('pcnName')),
        pcnCommissioner: cell.pcnCommissioner.trim() === '' ? null : code(cell.pcnCommissioner, located('pcnCommissioner')),
        startOn,
        endOn,
      };
    },
    (row) => `${row.practice} ${row.pcn} ${row.startOn}`,
    'has the same practice, PCN and start date',
  );
}

/**
 * NHS Digital's Patients Registered at a GP Practice, all ages: read by its headings, which changed over the years
 * (TYPE or ORG_TYPE, CODE or ORG_CODE). Only the GP practices' ALL/ALL rows are list sizes; others are left out.
 */
export function readRegisteredPatients(file: NamedFile): FileReading<ListSizeRow> {
  return readByHeadings(
    file,
    { extractDate: ['EXTRACT_DATE'], type: ['TYPE', 'ORG_TYPE'], odsCode: ['CODE', 'ORG_CODE'], sex: ['SEX'], age: ['AGE'], patients: ['NUMBER_OF_PATIENTS'] },
    [],
    (cell, located) => {
      const all = (text: string) => text.trim().toUpperCase() === 'ALL';
      if (cell.type.trim().toUpperCase() !== 'GP' || !all(cell.sex) || !all(cell.age)) return null;
      return { odsCode: code(cell.odsCode, located('odsCode')), asAt: anyDate(cell.extractDate, located('extractDate')), value: wholeNumber(cell.patients, located('patients')) };
    },
    (row) => `${row.odsCode} ${row.asAt}`,
    'has the same practice and extract date',
  );
}

/** The ICB's own weighted list sizes: practice code, weighted list size and the day it was counted at. */
export function readWeightedPopulations(file: NamedFile): FileReading<ListSizeRow> {
  return readByHeadings(
    file,
    { odsCode: ['Practice code', 'ODS code', 'PRACTICE_CODE'], value: ['Weighted list size', 'Weighted population', 'WEIGHTED_LIST_SIZE'], asAt: ['Date', 'As at', 'EXTRACT_DATE'] },
    [],
    (cell, located) => ({ odsCode: code(cell.odsCode, located('odsCode')), value: wholeNumber(cell.value, located('value')), asAt: anyDate(cell.asAt, located('asAt')) }),
    (row) => `${row.odsCode} ${row.asAt}`,
    'has the same practice and date',
  );
}

/**
 * A CSV file with a heading row, its columns found by the publisher's names (any of a few spellings, matched
 * without case, spaces or punctuation, as ePCN's headings hold line breaks). A problem names the file's heading.
 */
function readByHeadings<Key extends string, Row>(
  file: NamedFile,
  headings: Record<Key, string[]>,
  optional: NoInfer<Key>[],
  read: (cell: Record<Key, string>, located: (key: Key) => Problem) => Row | null,
  identity: (row: Row) => string,
  repeated: string,
): FileReading<Row & { line: number }> {
  const reading: FileReading<Row & { line: number }> = { file: file.name, rows: [], leftOut: 0, problems: [] };
  const [header, ...rows] = records(file, reading.problems);
  if (header === undefined) {
    if (reading.problems.length === 0) reading.problems.push({ file: file.name, line: 1, field: '(file)', reason: 'is empty; its first line must be the headings' });
    return reading;
  }
  const keys = Object.keys(headings) as Key[];
  const columns = new Map(keys.map((key) => [key, header.cells.findIndex((heading) => headings[key].some((spelling) => folded(spelling) === folded(heading)))]));
  for (const key of keys) {
    if (columns.get(key) === -1 && !optional.includes(key)) {
      const others = headings[key].slice(1);
      reading.problems.push({ file: file.name, line: 1, field: headings[key][0], reason: `no column has this heading${others.length === 0 ? '' : ` (nor ${others.join(', ')})`}` });
    }
  }
  if (reading.problems.length > 0) return reading;
  const headingOf = new Map(keys.map((key) => [key as string, header.cells[columns.get(key) ?? -1]?.replace(/\s+/g, ' ').trim() ?? headings[key][0]]));
  return readRows(
    file,
    rows,
    reading,
    (cells, located) => read(Object.fromEntries(keys.map((key) => [key, cells[columns.get(key) ?? -1] ?? ''])) as Record<Key, string>, (key) => located(headingOf.get(key) ?? key)),
    identity,
    repeated,
  );
}

const folded = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Each record with the line it ends on (its line, but for a quoted line break). A file that is not CSV at all is
 * one problem; so is one holding the NUL character, which PostgreSQL cannot store.
 */
function records(file: NamedFile, problems: FieldProblem[]): { cells: string[]; line: number }[] {
  const nul = file.text.indexOf('\u0000');
  if (nul !== -1) {
    problems.push({ file: file.name, line: file.text.slice(0, nul).split('\n').length, field: '(file)', reason: 'holds the NUL character (U+0000): is it a CSV file?' });
    return [];
  }
  try {
    const parsed = parse(file.text, { bom: true, relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    problems.push({ file: file.name, line: (error as { lines?: number }).lines ?? 1, field: '(file)', reason: `is not a CSV file: ${(error as Error).message}` });
    return [];
  }
}

// Each cell reader tells its problem and returns a stand-in: the row it belongs to is then left out.

function code(cell: string, problem: Problem): string {
  const value = cell.trim().toUpperCase();
  if (ODS_CODE.test(value)) return value;
  problem(value === '' ? 'is empty; an ODS code is needed' : `${JSON.stringify(cell.slice(0, 20))} is not an ODS code (3 to 10 letters and digits)`);
  return '';
}

function name(cell: string, problem: Problem): string {
  const value = cell.trim();
  if (value === '' || value.length > NAME_LENGTH) problem(`must be 1 to ${NAME_LENGTH} characters`);
  return value;
}

function wholeNumber(cell: string, problem: Problem): number {
  const value = cell.trim();
  if (/^\d{1,9}$/.test(value) && Number(value) > 0) return Number(value);
  problem(`${JSON.stringify(value.slice(0, 20))} is not a whole number above 0`);
  return 0;
}

const isDay = (day: string) => daySchema.safeParse(day).success;

/** An ODS date, CCYYMMDD; empty is null. */
function odsDate(cell: string, problem: Problem): string | null {
  const value = cell.trim();
  if (value === '') return null;
  const day = value.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
  if (day !== value && isDay(day)) return day;
  problem(`${JSON.stringify(value.slice(0, 20))} is not a date as ODS writes them (CCYYMMDD)`);
  return '';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date in any form NHS Digital and ODS have used: 2026-04-01, 20200401, 01APR2017 (any case), 01-Oct-2018, 01-Apr-17, and 01/04/2020 as a UK spreadsheet saves it. */
function anyDate(cell: string, problem: Problem): string {
  const value = cell.trim();
  const compact = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const named = /^(\d{1,2})-?([A-Za-z]{3})-?(\d{2}|\d{4})$/.exec(value);
  const month = named === null ? -1 : MONTHS.indexOf(named[2].toLowerCase());
  const day =
    compact !== null ? `${compact[1]}-${compact[2]}-${compact[3]}`
    : slashed !== null ? `${slashed[3]}-${slashed[2].padStart(2, '0')}-${slashed[1].padStart(2, '0')}`
    : named !== null && month !== -1 ? `${named[3].length === 2 ? `20${named[3]}` : named[3]}-${String(month + 1).padStart(2, '0')}-${named[1].padStart(2, '0')}`
    : '';
  if (isDay(day)) return day;
  problem(`${JSON.stringify(value.slice(0, 20))} is not a date (such as 2026-04-01, 01APR2017 or 01-Oct-2018)`);
  return '';
}
