/** England and Wales bank holidays, the days that working-day deadlines skip besides weekends. */
export abstract class BankHolidays {
  /** Every bank holiday the source knows, as `YYYY-MM-DD`. */
  abstract englandAndWales(): readonly string[];
}
