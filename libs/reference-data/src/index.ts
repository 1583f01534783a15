export { DORSET_SAMPLE_PATH, readOrganisationSample } from './organisation-sample';
export type { OrganisationSample } from './organisation-sample';
export { InvalidTemplateError, PROGRAMME_TEMPLATES_DIRECTORY, readProgrammeTemplate, YamlProgrammeTemplates } from './yaml-programme-templates';
export { PackagedBankHolidays } from './bank-holidays';
export { NATIONAL_SIZE, nationalIcbs, nationalOrganisationSample, nationalProgrammePlan } from './national-sample';
export type { NationalSampleSize } from './national-sample';
