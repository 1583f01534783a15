export { buildHighlightReport } from './highlight-report';
export type { HighlightReport, TrajectoryFigures } from './highlight-report';
export { formatPence, renderHighlightReportMarkdown } from './markdown.renderer';
export { HighlightReportService } from './highlight-report.service';
