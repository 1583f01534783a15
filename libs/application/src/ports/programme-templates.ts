import type { ProgrammePlan } from '../programme-definition/programme-definition.schema';

export interface ProgrammeTemplate {
  id: string;
  version: number;
  title: string;
  description: string;
  sources: string[];
  /** The organisation the template's plan was written for. */
  organisation: string;
  plan: ProgrammePlan;
}

export type ProgrammeTemplateSummary = Omit<ProgrammeTemplate, 'plan'> & { startDate: string; endDate: string; milestones: number };

/** The shipped catalogue of programme templates. */
export abstract class ProgrammeTemplates {
  abstract list(): ProgrammeTemplateSummary[];
  abstract get(id: string): ProgrammeTemplate | null;
}
