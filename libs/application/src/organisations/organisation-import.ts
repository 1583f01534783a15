import type { FieldProblem } from '../application.error';
import type { Organisation, OrganisationKind, OrganisationWrite, PopulationRecord } from '../ports/organisation.repository';
import { readCommissioners, readPcnMembers, readPractices, readRegisteredPatients, readWeightedPopulations } from './published-files';
import type { FileReading, ListSizeRow, NamedFile, OdsRow, PcnMemberRow, PracticeRow } from './published-files';

/** The files of one import, each in its publisher's layout (docs/organisations.md). */
export interface PublishedOrganisationFiles {
  practices: NamedFile;
  commissioners: NamedFile;
  pcnMembers: NamedFile | null;
  registeredPatients: NamedFile[];
  weighted: NamedFile | null;
}

export type ChangedField = 'name' | 'commissioner' | 'pcn' | 'parent' | 'opened' | 'closed';

export interface OrganisationChange {
  odsCode: string;
  name: string;
  field: ChangedField;
  from: string | null;
  to: string | null;
}

export interface OrganisationImportReport {
  /** False for a preview, and when nothing would change. */
  written: boolean;
  unchanged: boolean;
  added: { odsCode: string; name: string; kind: OrganisationKind; closedOn: string | null }[];
  changed: OrganisationChange[];
  /** Closed since the record was last told: they keep their history, and drop out of counts after the day. */
  closed: { odsCode: string; name: string; closedOn: string }[];
  /** Named by a row (a practice's commissioner, a commissioner's region or ICB) but in no file: added with the code as the name. */
  namedByCodeOnly: { odsCode: string; kind: OrganisationKind; namedBy: string }[];
  listSizes: { added: number; changed: number; unchanged: number; extracts: string[] };
  /** Rows read but not imported, on purpose, and why. */
  leftOut: { file: string; rows: number; reason: string }[];
}

export interface ImportPlan {
  problems: FieldProblem[];
  write: OrganisationWrite;
  report: Omit<OrganisationImportReport, 'written'>;
}

export interface PublishedReadings {
  practices: FileReading<PracticeRow>;
  commissioners: FileReading<OdsRow>;
  pcnMembers: FileReading<PcnMemberRow> | null;
  registeredPatients: FileReading<ListSizeRow>[];
  weighted: FileReading<ListSizeRow> | null;
}

/** Every file read, and every bad row of every file, before anything is compared or written. */
export function readPublishedFiles(files: PublishedOrganisationFiles): { readings: PublishedReadings; problems: FieldProblem[] } {
  const readings: PublishedReadings = {
    practices: readPractices(files.practices),
    commissioners: readCommissioners(files.commissioners),
    pcnMembers: files.pcnMembers === null ? null : readPcnMembers(files.pcnMembers),
    registeredPatients: files.registeredPatients.map(readRegisteredPatients),
    weighted: files.weighted === null ? null : readWeightedPopulations(files.weighted),
  };
  const problems = [
    readings.practices,
    readings.commissioners,
    readings.pcnMembers,
    ...readings.registeredPatients,
    readings.weighted,
  ].flatMap((reading) => reading?.problems ?? []);
  return { readings, problems };
}

/**
 * What an import changes, against the record: the organisations to add or replace, those known only by a code,
 * the list sizes that are new or different, and a report in words. A practice's parent is the PCN it belongs to
 * on `today` (the PCN file's relationship dates), else its commissioner. Nothing already recorded is removed.
 */
export function planOrganisationImport(
  readings: PublishedReadings,
  recorded: readonly Organisation[],
  recordedPopulations: readonly PopulationRecord[],
  today: string,
): ImportPlan {
  const problems: FieldProblem[] = [];
  const recordedByCode = new Map(recorded.map((organisation) => [organisation.odsCode, organisation]));
  const targets = new Map<string, { organisation: Organisation; line: number; file: string }>();
  const wanted = new Map<string, { kind: OrganisationKind; parent: string | null; namedBy: string }>();
  const leftOut: OrganisationImportReport['leftOut'] = [];
  const leave = (file: string, rows: number, reason: string) => {
    if (rows > 0) leftOut.push({ file, rows, reason });
  };
  // A code a row names: a placeholder if no file describes it and the record does not have it.
  const named = (odsCode: string, kind: OrganisationKind, parent: string | null, namedBy: string) => {
    if (!wanted.has(odsCode)) wanted.set(odsCode, { kind, parent, namedBy });
  };
  const target = (organisation: Omit<Organisation, 'synthetic'>, file: string, line: number) =>
    targets.set(organisation.odsCode, { organisation: { ...organisation, synthetic: false }, file, line });

  for (const row of readings.commissioners.rows) {
    const at = `${readings.commissioners.file} line ${row.line}`;
    named(row.nationalGrouping, 'region', null, at);
    if (row.healthGeography !== null) named(row.healthGeography, 'icb', row.nationalGrouping, at);
    target({ ...odsFields(row), kind: 'ccg', parentOdsCode: row.healthGeography ?? row.nationalGrouping }, readings.commissioners.file, row.line);
  }
  const commissionerOf = new Map<string, string>();
  for (const row of readings.practices.rows) {
    const at = `${readings.practices.file} line ${row.line}`;
    commissionerOf.set(row.odsCode, row.commissioner);
    named(row.nationalGrouping, 'region', null, at);
    if (row.healthGeography !== null) named(row.healthGeography, 'icb', row.nationalGrouping, at);
    named(row.commissioner, 'ccg', row.healthGeography ?? row.nationalGrouping, at);
  }
  leave(readings.practices.file, readings.practices.leftOut, 'not GP practices (prescribing setting other than 4)');

  const pcnOf = new Map<string, string>();
  if (readings.pcnMembers !== null) {
    const current = readings.pcnMembers.rows
      .filter((row) => row.startOn <= today && (row.endOn === null || row.endOn >= today))
      .sort((a, b) => a.startOn.localeCompare(b.startOn));
    let unknownPractices = 0;
    // A PCN sits under its own sub-ICB location where one the files or the record know is named, else its practice's.
    const known = (odsCode: string | null): odsCode is string => odsCode !== null && (targets.has(odsCode) || recordedByCode.has(odsCode) || wanted.has(odsCode));
    for (const row of current) {
      const practiceCommissioner = commissionerOf.get(row.practice);
      if (practiceCommissioner === undefined) {
        unknownPractices += 1;
        continue;
      }
      const commissioner = known(row.pcnCommissioner) ? row.pcnCommissioner : practiceCommissioner;
      target({ odsCode: row.pcn, name: row.pcnName, kind: 'pcn', parentOdsCode: commissioner, openedOn: null, closedOn: null }, readings.pcnMembers.file, row.line);
      // The latest relationship in force wins, as the rows are in order of their start.
      pcnOf.set(row.practice, row.pcn);
    }
    leave(readings.pcnMembers.file, readings.pcnMembers.rows.length - current.length, `relationships not in force on ${today}`);
    leave(readings.pcnMembers.file, unknownPractices, 'partners that are not GP practices of the practices file');
  }
  for (const row of readings.practices.rows) {
    target({ ...odsFields(row), kind: 'practice', parentOdsCode: pcnOf.get(row.odsCode) ?? row.commissioner }, readings.practices.file, row.line);
  }

  const placeholders = [...wanted]
    .filter(([odsCode]) => !targets.has(odsCode) && !recordedByCode.has(odsCode))
    .map(([odsCode, placeholder]) => ({ odsCode, ...placeholder }));
  const report: ImportPlan['report'] = {
    unchanged: true,
    added: [],
    changed: [],
    closed: [],
    namedByCodeOnly: placeholders.map(({ odsCode, kind, namedBy }) => ({ odsCode, kind, namedBy })),
    listSizes: { added: 0, changed: 0, unchanged: 0, extracts: [] },
    leftOut,
  };
  const placeholderByCode = new Map(placeholders.map((placeholder) => [placeholder.odsCode, placeholder]));
  const importedParent = (odsCode: string): Organisation | null => {
    const placeholder = placeholderByCode.get(odsCode);
    return targets.get(odsCode)?.organisation ?? recordedByCode.get(odsCode) ?? (placeholder === undefined ? null : asPlaceholder(placeholder));
  };
  const writes: Organisation[] = [];
  for (const { organisation, file, line } of targets.values()) {
    if (organisation.parentOdsCode === organisation.odsCode) {
      problems.push({ file, line, field: 'Organisation Code', reason: `${organisation.odsCode} names itself as the organisation it sits in` });
      continue;
    }
    const before = recordedByCode.get(organisation.odsCode);
    if (before === undefined) {
      report.added.push({ odsCode: organisation.odsCode, name: organisation.name, kind: organisation.kind, closedOn: organisation.closedOn });
      writes.push(organisation);
      continue;
    }
    if (before.kind !== organisation.kind) {
      problems.push({ file, line, field: 'Organisation Code', reason: `${organisation.odsCode} is recorded as a ${before.kind}, not a ${organisation.kind}` });
      continue;
    }
    const changes = changesOf(before, organisation, (odsCode) => recordedByCode.get(odsCode) ?? null, importedParent);
    // A first close is reported as closed; a close day moved or cleared, as a change.
    const closedOn = before.closedOn === null ? organisation.closedOn : null;
    report.changed.push(...changes.filter((change) => change.field !== 'closed' || closedOn === null));
    if (closedOn !== null) report.closed.push({ odsCode: organisation.odsCode, name: organisation.name, closedOn });
    if (changes.length > 0 || before.synthetic) writes.push(organisation);
  }

  const populations = plannedPopulations(readings, targets, recordedByCode, recordedPopulations, report, problems, leave);
  report.unchanged = writes.length === 0 && placeholders.length === 0 && populations.length === 0;
  return {
    problems,
    write: {
      organisations: writes,
      placeholders: placeholders.map(asPlaceholder),
      populations,
    },
    report,
  };
}

/** An organisation known only by its code, which stands in for its name. */
function asPlaceholder({ odsCode, kind, parent }: { odsCode: string; kind: OrganisationKind; parent: string | null }): Organisation {
  return { odsCode, name: odsCode, kind, parentOdsCode: parent, synthetic: false, openedOn: null, closedOn: null };
}

function odsFields(row: OdsRow): Pick<Organisation, 'odsCode' | 'name' | 'openedOn' | 'closedOn'> {
  return { odsCode: row.odsCode, name: row.name, openedOn: row.openedOn, closedOn: row.closedOn };
}

type Lookup = (odsCode: string) => Organisation | null;

/** A practice's commissioner and PCN, from its place in a tree: the nearest commissioner above it, and its parent if that is a PCN. */
function placeOf(organisation: Organisation, parentOf: Lookup): { commissioner: string | null; pcn: string | null } {
  const parent = organisation.parentOdsCode === null ? null : parentOf(organisation.parentOdsCode);
  let commissioner = parent;
  for (let depth = 0; commissioner !== null && commissioner.kind !== 'ccg' && depth < 10; depth += 1) {
    commissioner = commissioner.parentOdsCode === null ? null : parentOf(commissioner.parentOdsCode);
  }
  return { commissioner: commissioner?.kind === 'ccg' ? commissioner.odsCode : null, pcn: parent?.kind === 'pcn' ? parent.odsCode : null };
}

function changesOf(before: Organisation, after: Organisation, recordedParent: Lookup, importedParent: Lookup): OrganisationChange[] {
  const changes: OrganisationChange[] = [];
  const change = (field: ChangedField, from: string | null, to: string | null) => {
    if (from !== to) changes.push({ odsCode: after.odsCode, name: after.name, field, from, to });
  };
  change('name', before.name, after.name);
  if (after.kind === 'practice') {
    const was = placeOf(before, recordedParent);
    const is = placeOf(after, importedParent);
    change('commissioner', was.commissioner, is.commissioner);
    change('pcn', was.pcn, is.pcn);
    if (was.commissioner === is.commissioner && was.pcn === is.pcn) change('parent', before.parentOdsCode, after.parentOdsCode);
  } else {
    change('parent', before.parentOdsCode, after.parentOdsCode);
  }
  change('opened', before.openedOn, after.openedOn);
  change('closed', before.closedOn, after.closedOn);
  return changes;
}

/** The list sizes that are new or differ from the record, one record per practice and day. */
function plannedPopulations(
  readings: PublishedReadings,
  targets: ReadonlyMap<string, { organisation: Organisation }>,
  recordedByCode: ReadonlyMap<string, Organisation>,
  recordedPopulations: readonly PopulationRecord[],
  report: ImportPlan['report'],
  problems: FieldProblem[],
  leave: (file: string, rows: number, reason: string) => void,
): PopulationRecord[] {
  const isPractice = (odsCode: string) => (targets.get(odsCode)?.organisation ?? recordedByCode.get(odsCode))?.kind === 'practice';
  const recorded = new Map(recordedPopulations.map((population) => [`${population.odsCode} ${population.asAt}`, population]));
  const given = new Map<string, PopulationRecord>();
  const sources = [
    ...readings.registeredPatients.map((reading) => ({ reading, figure: 'registeredListSize' as const })),
    ...(readings.weighted === null ? [] : [{ reading: readings.weighted, figure: 'weightedPopulation' as const }]),
  ];
  for (const { reading, figure } of sources) {
    const { file } = reading;
    leave(file, reading.leftOut, 'not the all-ages count of a GP practice (TYPE GP, SEX ALL, AGE ALL)');
    let notPractices = 0;
    for (const row of reading.rows) {
      if (!isPractice(row.odsCode)) {
        notPractices += 1;
        continue;
      }
      const key = `${row.odsCode} ${row.asAt}`;
      const record = given.get(key) ?? { odsCode: row.odsCode, asAt: row.asAt, registeredListSize: null, weightedPopulation: null };
      const earlier = record[figure];
      if (earlier !== null && earlier !== row.value) {
        problems.push({ file, line: row.line, field: '(row)', reason: `gives ${row.odsCode} ${row.value} on ${row.asAt}, where another file gives ${earlier}` });
      }
      record[figure] = row.value;
      given.set(key, record);
    }
    leave(file, notPractices, 'for codes that are not GP practices of the practices file or the record');
  }
  const changed: PopulationRecord[] = [];
  for (const [key, population] of given) {
    const before = recorded.get(key);
    const differs = (figure: 'registeredListSize' | 'weightedPopulation') => population[figure] !== null && population[figure] !== (before?.[figure] ?? null);
    if (before === undefined) report.listSizes.added += 1;
    else if (differs('registeredListSize') || differs('weightedPopulation')) report.listSizes.changed += 1;
    else {
      report.listSizes.unchanged += 1;
      continue;
    }
    changed.push(population);
  }
  report.listSizes.extracts = [...new Set([...given.values()].map((population) => population.asAt))].sort();
  return changed;
}
