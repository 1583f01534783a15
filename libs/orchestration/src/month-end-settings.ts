import type { MonthEndSettings } from '@pmo/application';
import type { MonthEndConfig } from '@pmo/config';

/** The cycle rule as the application reads it, from the engine's configuration. */
export function monthEndSettingsOf(config: MonthEndConfig): MonthEndSettings {
  const { runWorkingDay, returnDeadlineWorkingDay, returnReminderWorkingDays, updateReminderWorkingDays } = config;
  return {
    rule: { runWorkingDay, returnDeadlineWorkingDay, returnReminderWorkingDays, updateReminderWorkingDays },
    signOffEmails: config.returnSignOffEmails,
    escalationEmails: config.returnEscalationEmails,
  };
}
