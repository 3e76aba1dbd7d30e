// Questions and answers as the API returns them, for the unit tests of these pages.
import type { CouncilQuestion, PublishedAnswer, SupplierQuestion } from './types'

/** The IDs the fixtures use. */
export const ids = {
  opportunity: '7f1e2d3c-0000-4000-8000-000000000001',
  question: 'f6f6f6f6-0000-4000-8000-000000000001',
  lot: 'a7a7a7a7-0000-4000-8000-000000000001',
}

/** answer builds an answer published to everyone. */
export function answer(over: Partial<PublishedAnswer> = {}): PublishedAnswer {
  return {
    number: 1,
    threadRef: 'Q-7KD2MX',
    visibility: 'everyone',
    subject: 'Insurance cover',
    question: 'Is £5m public liability cover enough?',
    answer: 'Yes: £5m is the minimum.',
    publishedOn: '2026-06-10',
    publishedOnText: '10 June 2026',
    documents: [],
    ...over,
  }
}

/** question builds a question waiting for an answer, as its asker sees it. */
export function question(over: Partial<SupplierQuestion> = {}): SupplierQuestion {
  return {
    id: ids.question,
    threadRef: 'Q-7KD2MX',
    opportunityId: ids.opportunity,
    opportunityTitle: 'Graffiti removal in parks',
    opportunityReference: 'FT-2026-000123',
    subject: 'Insurance cover',
    question: 'Camden Green Cleaning has £5m cover: is that enough?',
    answerPrivately: false,
    status: 'awaiting_answer',
    statusText: 'Waiting for an answer',
    askedAt: '2026-06-05T09:12:34Z',
    answerBy: '2026-06-25T11:00:00Z',
    answerByText: 'midday on 25 June 2026',
    ...over,
  }
}

/** councilQuestion builds the same question as the council sees it. */
export function councilQuestion(over: Partial<CouncilQuestion> = {}): CouncilQuestion {
  return {
    ...question(),
    organisationName: 'Camden Green Cleaning',
    overdue: false,
    timeLeftText: '3 days to answer',
    answered: [answer({ number: 1, threadRef: 'Q-AAAAAA', subject: 'Working hours', question: 'Can we work at weekends?', answer: 'Yes.' })],
    ...over,
  }
}
