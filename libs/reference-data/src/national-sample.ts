import { GPFV_AREAS, programmePlanSchema } from '@pmo/application';
import type { Organisation, PopulationRecord, ProgrammePlan } from '@pmo/application';
import { addDays, addMonths, daysBetween, lastDayOfMonth } from '@pmo/domain';
import type { OrganisationSample } from './organisation-sample';

/**
 * NHS England's seven regions (their real codes) and how many of the 42 ICBs each holds. Everything
 * below them is synthetic: ICBs, PCNs and practices are marked so, with made-up codes and names.
 */
const REGIONS: { odsCode: string; name: string; icbs: number }[] = [
  { odsCode: 'Y56', name: 'London', icbs: 5 },
  { odsCode: 'Y58', name: 'South West', icbs: 7 },
  { odsCode: 'Y59', name: 'South East', icbs: 6 },
  { odsCode: 'Y60', name: 'Midlands', icbs: 11 },
  { odsCode: 'Y61', name: 'East of England', icbs: 6 },
  { odsCode: 'Y62', name: 'North West', icbs: 3 },
  { odsCode: 'Y63', name: 'North East and Yorkshire', icbs: 4 },
];

export interface NationalSampleSize {
  pcns: number;
  practices: number;
}

/** England as the GP Forward View years knew it, near enough: about 1,250 PCNs and 6,300 practices. */
export const NATIONAL_SIZE: NationalSampleSize = { pcns: 1250, practices: 6300 };

/** A small, fast, seedable generator (mulberry32): the same seed always makes the same country. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Splits `total` into parts in proportion to `weights`, every part at least `least`, summing exactly to `total`. */
function apportion(total: number, weights: number[], least: number): number[] {
  const spare = total - least * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => least + Math.floor((spare * weight) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let index = 0; left > 0; index = (index + 1) % parts.length, left -= 1) parts[index] += 1;
  return parts;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * A synthetic national organisation tree: 7 regions, 42 ICBs, PCNs and practices in proportion to each
 * ICB's size, each practice with a registered list (about 9,900 on average, 1,500 to 40,000) and a
 * weighted population, as at a day. Parents come before children, as the repository wants them.
 */
export function nationalOrganisationSample(asAt: string, size: NationalSampleSize = NATIONAL_SIZE, seed = 2016): OrganisationSample {
  const next = random(seed);
  const organisations: Organisation[] = REGIONS.map((region) => ({ odsCode: region.odsCode, name: `NHS England ${region.name}`, kind: 'region', parentOdsCode: null, synthetic: false, openedOn: null, closedOn: null }));
  const icbs = REGIONS.flatMap((region) => Array.from({ length: region.icbs }, () => region));
  const icbWeights = icbs.map(() => 0.5 + next());
  const pcnsPerIcb = apportion(size.pcns, icbWeights, 1);
  const practicesPerIcb = apportion(size.practices, icbWeights, pcnsPerIcb.reduce((most, pcns) => Math.max(most, pcns), 0));
  const populations: PopulationRecord[] = [];
  let pcnNumber = 0;
  let practiceNumber = 0;
  icbs.forEach((region, icbIndex) => {
    const icb = `QS${pad(icbIndex + 1, 2)}`;
    organisations.push({ odsCode: icb, name: `Synthetic ICB ${icbIndex + 1} (${region.name})`, kind: 'icb', parentOdsCode: region.odsCode, synthetic: true, openedOn: null, closedOn: null });
    const practicesPerPcn = apportion(practicesPerIcb[icbIndex], Array.from({ length: pcnsPerIcb[icbIndex] }, () => 0.5 + next()), 1);
    for (const practices of practicesPerPcn) {
      pcnNumber += 1;
      const pcn = `UX${pad(pcnNumber, 5)}`;
      organisations.push({ odsCode: pcn, name: `Synthetic PCN ${pcnNumber}`, kind: 'pcn', parentOdsCode: icb, synthetic: true, openedOn: null, closedOn: null });
      for (let index = 0; index < practices; index += 1) {
        practiceNumber += 1;
        const odsCode = `Z${pad(practiceNumber, 5)}`;
        organisations.push({ odsCode, name: `Synthetic practice ${practiceNumber}`, kind: 'practice', parentOdsCode: pcn, synthetic: true, openedOn: null, closedOn: null });
        // Skewed like England's lists: many mid-sized practices, a few very large ones.
        const registeredListSize = Math.round(1_500 + 8_400 * -Math.log(1 - next() * 0.985));
        const clamped = Math.min(40_000, registeredListSize);
        populations.push({ odsCode, asAt, registeredListSize: clamped, weightedPopulation: Math.round(clamped * (0.8 + next() * 0.45)) });
      }
    }
  });
  return { description: `Synthetic national sample: ${icbs.length} ICBs, ${pcnNumber} PCNs, ${practiceNumber} practices (seed ${seed})`, organisations, populations };
}

/** The ICB codes of the national sample, in order. */
export function nationalIcbs(sample: OrganisationSample): string[] {
  return sample.organisations.filter((organisation) => organisation.kind === 'icb').map((organisation) => organisation.odsCode);
}

const MILESTONES = 25;
const PROGRAMME_MONTHS = 24;

/**
 * One synthetic programme of the national dataset: 25 milestones over two years from its start, some
 * slipped, and a monthly trajectory of practices live rising to 100%. The index spreads starts over the
 * year before `period`, so that at the period's end every programme is somewhere in its life.
 */
export function nationalProgrammePlan(index: number, icb: string, period: string, seed = 2016): ProgrammePlan {
  const next = random(seed * 7_919 + index);
  const start = `${addMonths(period, -(index % 12))}-01`;
  const end = lastDayOfMonth(addMonths(start.slice(0, 7), PROGRAMME_MONTHS - 1));
  const span = daysBetween(start, end);
  const milestones = Array.from({ length: MILESTONES }, (_, position) => {
    const baselineDate = addDays(start, Math.round(((position + 1) * span) / (MILESTONES + 1)));
    // One milestone in four has slipped, by up to six weeks.
    const slip = next() < 0.25 ? Math.round(next() * 42) : 0;
    return { ref: `M${pad(position + 1, 2)}`, name: `Milestone ${position + 1} of programme ${index + 1}`, baselineDate, forecastDate: addDays(baselineDate, slip) };
  });
  const plan = Object.fromEntries(
    Array.from({ length: PROGRAMME_MONTHS }, (_, month) => [addMonths(start.slice(0, 7), month), Math.min(100, Math.round(((month + 1) * 100) / 18))]),
  );
  // Checked as any plan is: a generator that drifts from the model fails here, not in the database.
  return programmePlanSchema.parse({
    name: `National programme ${index + 1} (${icb})`,
    gpfvArea: GPFV_AREAS[index % GPFV_AREAS.length],
    startDate: start,
    endDate: end,
    milestones,
    trajectories: [{ ref: 'T01', metric: 'online-consultation-practices-live', name: 'Practices live', unit: 'percent', basis: 'practices-percent', plan }],
  });
}
