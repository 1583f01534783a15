import { types } from 'pg';

/**
 * Days stay `YYYY-MM-DD` strings: node-pg would otherwise turn a DATE into a Date at local midnight,
 * which shifts the day wherever the process is not on UTC.
 */
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);
