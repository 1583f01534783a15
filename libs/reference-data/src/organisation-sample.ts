import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { daySchema, odsCodeSchema } from '@pmo/application';
import type { Organisation, OrganisationWrite } from '@pmo/application';

export const DORSET_SAMPLE_PATH = resolve(__dirname, '../organisations/dorset.sample.yaml');

const organisationSchema = z.strictObject({
  odsCode: odsCodeSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['region', 'icb', 'ccg', 'cluster', 'transformation-area', 'locality', 'pcn']),
  parent: odsCodeSchema.optional(),
});

const practiceSchema = z.strictObject({
  odsCode: odsCodeSchema,
  name: z.string().trim().min(1).max(200),
  parent: odsCodeSchema,
  synthetic: z.boolean(),
  registered: z.number().int().positive(),
  weighted: z.number().int().positive(),
});

const sampleSchema = z.strictObject({
  description: z.string().min(1),
  asAt: daySchema,
  organisations: z.array(organisationSchema),
  practices: z.array(practiceSchema),
});

export interface OrganisationSample extends OrganisationWrite {
  description: string;
}

/** Reads an organisation sample; parents must come before their children. */
export function readOrganisationSample(path = DORSET_SAMPLE_PATH): OrganisationSample {
  const sample = sampleSchema.parse(parse(readFileSync(path, 'utf8')));
  const organisations: Organisation[] = [
    ...sample.organisations.map((organisation) => ({
      odsCode: organisation.odsCode,
      name: organisation.name,
      kind: organisation.kind,
      parentOdsCode: organisation.parent ?? null,
      synthetic: false,
      openedOn: null,
      closedOn: null,
    })),
    ...sample.practices.map((practice) => ({
      odsCode: practice.odsCode,
      name: practice.name,
      kind: 'practice' as const,
      parentOdsCode: practice.parent,
      synthetic: practice.synthetic,
      openedOn: null,
      closedOn: null,
    })),
  ];
  const seen = new Set<string>();
  for (const organisation of organisations) {
    if (organisation.parentOdsCode !== null && !seen.has(organisation.parentOdsCode)) {
      throw new Error(`${path}: ${organisation.odsCode} comes before its parent ${organisation.parentOdsCode}`);
    }
    if (seen.has(organisation.odsCode)) throw new Error(`${path}: ${organisation.odsCode} appears twice`);
    seen.add(organisation.odsCode);
  }
  return {
    description: sample.description,
    organisations,
    populations: sample.practices.map((practice) => ({
      odsCode: practice.odsCode,
      asAt: sample.asAt,
      registeredListSize: practice.registered,
      weightedPopulation: practice.weighted,
    })),
  };
}
