import { WorkingCalendar } from '@pmo/domain';
import type { MilestoneView } from '../programme-view';
import { milestoneSlip } from './milestone-slip';

describe('milestone slip', () => {
  // Good Friday and Easter Monday 2018 are bank holidays.
  const calendar = new WorkingCalendar(['2018-03-30', '2018-04-02']);
  const milestone = (baselineDate: string, forecastDate: string, actualDate: string | null, overdue: boolean) =>
    ({ baselineDate, forecastDate, actualDate, overdue }) as MilestoneView;

  it('counts an overdue milestone’s working days overdue, which its variance of 0 would hide', () => {
    expect(milestoneSlip(milestone('2018-03-26', '2018-03-26', null, true), calendar, '2018-04-04')).toEqual({ varianceWorkingDays: 0, overdueWorkingDays: 5 });
    expect(milestoneSlip(milestone('2018-03-26', '2018-03-26', null, true), calendar, '2018-03-26')).toEqual({ varianceWorkingDays: 0, overdueWorkingDays: 0 });
  });

  it('gives a milestone that is not overdue its variance alone: a slip forward, a landing early', () => {
    expect(milestoneSlip(milestone('2018-03-26', '2018-04-04', null, false), calendar, '2018-03-20')).toEqual({ varianceWorkingDays: 5, overdueWorkingDays: null });
    expect(milestoneSlip(milestone('2018-03-26', '2018-04-04', '2018-03-23', false), calendar, '2018-04-10')).toEqual({ varianceWorkingDays: -1, overdueWorkingDays: null });
  });
});
