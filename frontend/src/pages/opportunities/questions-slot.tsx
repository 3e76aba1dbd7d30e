// The place on an opportunity's page for "Questions and answers". The section
// itself lives with the other clarification pages; this file is the only thing
// the opportunity page needs to know about it.
import { QuestionsSection, type QuestionsOpportunity } from '../clarifications/questions-section/questions-section'

/**
 * QuestionsSlot is where an opportunity's page shows the answers to suppliers'
 * questions and offers to ask one.
 */
export function QuestionsSlot({ opportunity }: { opportunity: QuestionsOpportunity }) {
  if (opportunity.status === 'planned' || opportunity.status === 'draft') return null
  return <QuestionsSection o={opportunity} />
}
