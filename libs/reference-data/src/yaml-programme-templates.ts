import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ProgrammeTemplates } from '@pmo/application';
import type { ProgrammeTemplate, ProgrammeTemplateSummary } from '@pmo/application';
import { programmeTemplateSchema } from './programme-template.schema';

export const PROGRAMME_TEMPLATES_DIRECTORY = resolve(__dirname, '../programme-templates');

export class InvalidTemplateError extends Error {
  constructor(file: string, problems: string[]) {
    super(`template ${file} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidTemplateError';
  }
}

/** Parses and checks one template file; its id must be its file name. */
export function readProgrammeTemplate(path: string): ProgrammeTemplate {
  const file = basename(path);
  const parsed = programmeTemplateSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new InvalidTemplateError(file, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`));
  }
  if (`${parsed.data.id}.yaml` !== file) throw new InvalidTemplateError(file, [`id: ${parsed.data.id} is not the file's name`]);
  return parsed.data;
}

/** The shipped templates, every one read and checked when the catalogue is made: a bad file stops the boot. */
export class YamlProgrammeTemplates extends ProgrammeTemplates {
  private readonly templates: Map<string, ProgrammeTemplate>;

  constructor(directory = PROGRAMME_TEMPLATES_DIRECTORY) {
    super();
    const files = readdirSync(directory).filter((file) => file.endsWith('.yaml')).sort();
    this.templates = new Map(files.map((file) => readProgrammeTemplate(join(directory, file))).map((template) => [template.id, template]));
  }

  list(): ProgrammeTemplateSummary[] {
    return [...this.templates.values()].map(({ plan, ...template }) => {
      const days = plan.milestones.flatMap((milestone) => (milestone.baselineDate ? [milestone.baselineDate] : [])).sort();
      return { ...template, startDate: plan.startDate ?? days[0], endDate: plan.endDate ?? days[days.length - 1], milestones: plan.milestones.length };
    });
  }

  get(id: string): ProgrammeTemplate | null {
    return this.templates.get(id) ?? null;
  }
}
