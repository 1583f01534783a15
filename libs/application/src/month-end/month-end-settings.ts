import type { CycleRule } from '@pmo/domain';

/** The month-end cycle rule the engine runs by, read from its configuration. */
export abstract class MonthEndSettings {
  abstract readonly rule: CycleRule;
}
