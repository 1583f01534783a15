import type { RagStatus } from './rag-status';

/** The IPA five-point Delivery Confidence Assessment. */
export type DeliveryConfidence = 'Green' | 'Amber/Green' | 'Amber' | 'Amber/Red' | 'Red';

export const DELIVERY_CONFIDENCE_LEVELS: readonly DeliveryConfidence[] = ['Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red'];

/** A PMO's judgement in place of the suggestion, for a stated reason, until a stated day. */
export interface ConfidenceOverride {
  confidence: DeliveryConfidence;
  reason: string;
  setBy: string;
  /** The last day the override stands (inclusive, London). */
  expiresOn: string;
}

export interface DeliveryConfidenceAssessment {
  /** What the programme shows: the override while it stands, else the suggestion. */
  value: DeliveryConfidence;
  suggested: DeliveryConfidence;
  overridden: boolean;
  reasons: string[];
}

/**
 * The confidence suggested by tolerance breaches (see docs/rules.md): two or more Red parts, Red;
 * one, Amber/Red; three or more Amber, Amber; one or two Amber, Amber/Green; none, Green.
 */
export function suggestDeliveryConfidence(parts: readonly (RagStatus | 'Complete' | 'Pending')[]): { confidence: DeliveryConfidence; reason: string } {
  const reds = parts.filter((part) => part === 'Red').length;
  const ambers = parts.filter((part) => part === 'Amber').length;
  const confidence: DeliveryConfidence = reds >= 2 ? 'Red' : reds === 1 ? 'Amber/Red' : ambers >= 3 ? 'Amber' : ambers >= 1 ? 'Amber/Green' : 'Green';
  return { confidence, reason: `suggested ${confidence} from ${reds} Red and ${ambers} Amber tolerance breaches` };
}

export function applyOverride(
  suggestion: { confidence: DeliveryConfidence; reason: string },
  override: ConfidenceOverride | null,
  today: string,
): DeliveryConfidenceAssessment {
  if (override !== null && today <= override.expiresOn) {
    return {
      value: override.confidence,
      suggested: suggestion.confidence,
      overridden: true,
      reasons: [`overridden to ${override.confidence} by ${override.setBy} until ${override.expiresOn}: ${override.reason}`, suggestion.reason],
    };
  }
  return { value: suggestion.confidence, suggested: suggestion.confidence, overridden: false, reasons: [suggestion.reason] };
}
