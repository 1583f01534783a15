import type { CycleRule } from '@pmo/domain';

/** The month-end cycle rule the engine runs by, and the people its return answers to, from its configuration. */
export abstract class MonthEndSettings {
  abstract readonly rule: CycleRule;
  /** Who signs the NHS England return off; chased before its deadline. */
  abstract readonly signOffEmails: readonly string[];
  /** Who hears when the return misses its deadline. */
  abstract readonly escalationEmails: readonly string[];
}
