export { loggingModule, withoutEmails } from './logging';
