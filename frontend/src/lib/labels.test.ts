// Every code the API can send or take has a name on screen. The tables are
// typed by the generated schema (a code added there without a name fails the
// type check); this test reads openapi.json itself, so that an enum the
// portal does not name yet, or a value added to one, fails here too.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as labels from './labels'

interface Schema {
  enum?: unknown[]
  [key: string]: unknown
}

// enums lists every enum in the OpenAPI document by where it is: a schema's
// property ("OpportunityView.status") or an operation's parameter
// ("query.locality"), with its values (the "" that means "any" left out).
function enums(): Map<string, Set<string>> {
  const doc = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8')) as {
    components: { schemas: Record<string, Schema> }
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Schema }[] }>>
  }
  const out = new Map<string, Set<string>>()
  const add = (where: string, values: unknown[]) => {
    const set = out.get(where) ?? new Set<string>()
    for (const v of values) if (v !== '') set.add(String(v))
    out.set(where, set)
  }
  const walk = (n: unknown, where: string) => {
    if (!n || typeof n !== 'object') return
    const s = n as Schema
    if (Array.isArray(s.enum)) add(where, s.enum)
    for (const [k, v] of Object.entries(s)) walk(v, k === 'properties' || k === 'items' ? where : where ? `${where}.${k}` : k)
  }
  for (const [name, s] of Object.entries(doc.components.schemas)) walk(s, name)
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) for (const p of op.parameters ?? []) walk(p.schema, `${p.in}.${p.name}`)
  return out
}

// Which table names each enum. An enum shown to nobody is listed with why.
const named: Record<string, Record<string, unknown>> = {
  'query.procedure': labels.procedureLabels,
  'OpportunityInput.procedure': labels.procedureLabels,
  'PlannedProcurementInput.procedure': labels.procedureLabels,
  'query.locality': labels.workLocalityLabels,
  'query.size': labels.sizeLabels,
  'query.sort': labels.sortLabels,
  'OpportunityCriterionInput.kind': labels.criterionKindLabels,
  'OpportunityInput.reserved': labels.reservationLabels,
  'OrganisationRef.legalForm': labels.legalFormLabels,
  'ProfileInput.legalForm': labels.legalFormLabels,
  'ProfileView.legalForm': labels.legalFormLabels,
  'RegisterInputBody.legalForm': labels.legalFormLabels,
  'SupplierSummary.legalForm': labels.legalFormLabels,
  'Account.role': labels.accountRoleLabels,
  'AccountSummary.role': labels.accountRoleLabels,
  'AccountRoleInputBody.role': labels.accountRoleLabels,
  'Me.role': labels.accountRoleLabels,
  'RolePolicy.role': labels.accountRoleLabels,
  'PolicyInputBody.required': labels.accountRoleLabels,
  'query.role': labels.accountRoleLabels,
  'Account.status': labels.accountStatusLabels,
  'AccountSummary.status': labels.accountStatusLabels,
  'Member.role': labels.memberRoleLabels,
  'OrganisationRef.role': labels.memberRoleLabels,
  'BankDetails.yourRole': labels.memberRoleLabels,
  'InvitationDetails.role': labels.memberRoleLabels,
  'BankChangeView.status': labels.bankChangeTags,
  'BankQueueItem.status': labels.bankQueueTags,
  'View.status': labels.dpsStatusTags,
  'ApplicationView.status': labels.applicationStatusTags,
  'QueueItem.status': labels.applicationStatusTags,
  'CategoryDecision.status': labels.categoryStatusTags,
  'NotificationView.kind': labels.messageKindLabels,
  'AlertInput.frequency': labels.frequencyLabels,
  'CouncilQuestion.status': labels.questionStatusTags,
  'SupplierQuestion.status': labels.questionStatusTags,
  'AnswerQuestionInput.visibility': labels.answerVisibilityLabels,
  'PublishedAnswer.visibility': labels.answerVisibilityLabels,
  'DecisionView.decision': labels.lateDecisionLabels,
  'LateDecisionInput.decision': labels.lateChoiceLabels,
  'LateItem.kind': labels.lateKindLabels,
  'BidView.status': labels.bidStatusTags,
  'BidSummary.status': labels.bidStatusTags,
  'BidFormQuestion.kind': labels.bidQuestionKindLabels,
  'BidFormQuestionInput.kind': labels.bidQuestionKindLabels,
  'BidFormQuestion.documentTypes': labels.bidDocumentTypeLabels,
  'BidFormQuestionInput.documentTypes': labels.bidDocumentTypeLabels,
  'BidFormQuestion.priceMode': labels.priceModeLabels,
  'BidFormQuestionInput.priceMode': labels.priceModeLabels,
  'Opening.status': labels.openingStatusLabels,
  'PanelCandidate.role': labels.accountRoleLabels,
  'AwardState.status': labels.awardStatusLabels,
  'BidOutcome.stage': labels.outcomeStageLabels,
  'Evaluation.stage': labels.evaluationStageLabels,
  'EvaluationBid.yourMarks': labels.yourMarksLabels,
  'EvaluationMethod.priceMethod': labels.priceMethodLabels,
  'EvaluationMethodInput.priceMethod': labels.priceMethodLabels,
  'EvaluationResults.priceMethod': labels.priceMethodLabels,
  'query.method': labels.priceMethodLabels,
  'EvaluationPanelSeat.role': labels.panelRoleLabels,
  'EvaluationPanelSeatInput.role': labels.panelRoleLabels,
  'PriceReviewInput.decision': labels.priceDecisionLabels,
  'ResultRow.priceResolution': labels.priceDecisionLabels,
  'QuestionMarks.criterionKind': labels.criterionKindLabels,
  'ScoredQuestion.criterionKind': labels.criterionKindLabels,
  'CriterionScore.kind': labels.criterionKindLabels,
  'OutcomeStep.step': labels.outcomeStepLabels,
  'AssessmentSummaryLot.result': labels.summaryResultLabels,
  'AssessmentSummaryCriterion.kind': labels.criterionKindLabels,
  'AwardReadabilityWarning.field': labels.summaryFieldLabels,
  'AwardSummaryEdit.field': labels.summaryFieldLabels,
}

// Enums whose values no page shows as words, and why.
const unnamed: Record<string, string> = {
  'query.sme': 'a yes/no filter, shown as a checkbox',
  'query.vcse': 'a yes/no filter, shown as a checkbox',
  'query.suitableForSmes': 'a yes/no filter, shown as a checkbox',
  'query.suitableForVcses': 'a yes/no filter, shown as a checkbox',
  'query.status': 'several filters by that name; each page offers its own choices (searchStatusLabels, accountStatusLabels)',
  'OpportunitySummary.status': 'shown through standing() in time-left.ts and the buyer list’s headings',
  'OpportunityView.status': 'shown through standing() in time-left.ts and the buyer list’s headings',
  'InterestedOpportunity.status': 'shown through standing() in time-left.ts, on the supplier’s dashboard',
  'LoginOutputBody.next': 'where the sign-in goes next, never shown',
  'DecisionInput.outcome': 'the buttons of the decision form',
  'MembershipInputBody.action': 'the address of the page that asks for it',
  'DPSInput.regime': 'explained at length by regimes in dps/labels.ts',
  'QuestionInput.kind': 'explained at length by questionKinds in dps/labels.ts',
  'QuestionInput.profileField': 'explained by profileFields in dps/labels.ts',
  'Unsubscription.kind': 'worded as a question by unsubscribeQuestion',
  'BidFormQuestion.envelope': 'follows from the kind (prices are the price envelope); the form shows the kind',
  'ReceiptItem.kind': 'a receipt row names the answer or the file itself',
  'BidFormQuestion.requiredAnswer': 'Yes or No, the radios of a pass or fail question',
  'BidFormQuestionInput.requiredAnswer': 'Yes or No, the radios of a pass or fail question',
  'SupplierApplication.status': 'the supplier record shows each category’s decision instead (categoryStatus in dps/labels.ts)',
  'ProfileDraftAnswers.legalForm': 'the legal forms of legalFormLabels (the profile’s first page), or empty until one is chosen',
  'ProfileDraftAnswers.assetLock': 'Yes or No radios on the profile’s what you do page (empty until answered)',
  'ProfileDraftAnswers.employeeOwned': 'Yes or No radios on the profile’s what you do page (empty until answered)',
  'ProfileDraftAnswers.socialEnterprise': 'Yes or No radios on the profile’s what you do page (empty until answered)',
  'Answer.passFail': 'Yes or No, the radios of a pass or fail question (empty clears it)',
  'BidAnswer.passFail': 'Yes or No, the radios of a pass or fail question (empty when not answered)',
  'DeletionOrganisation.outcome': 'a sentence for each organisation on the delete your account page says what happens to it',
}

describe('labels', () => {
  const found = enums()

  it('reads the enums of the OpenAPI document', () => {
    expect(found.get('NotificationView.kind')).toContain('match')
    expect(found.get('query.locality')).toEqual(new Set(['local', 'sub_regional', 'regional', 'national']))
  })

  it('names every value of every enum the API has', () => {
    const missing: string[] = []
    for (const [where, values] of found) {
      if (where in unnamed) continue
      const table = named[where]
      if (!table) {
        missing.push(`${where}: no table names it (add it to lib/labels.ts and to this test, or to unnamed with why)`)
        continue
      }
      for (const v of values) if (!(v in table)) missing.push(`${where}: ${v}`)
    }
    expect(missing).toEqual([])
  })

  it('names no value the API does not have, so none goes stale', () => {
    // A table may serve a narrower enum too (staff roles are some of the roles).
    const sent = new Map<Record<string, unknown>, Set<string>>()
    const stale: string[] = []
    for (const [where, table] of Object.entries(named)) {
      const values = found.get(where)
      if (!values) stale.push(`${where}: not in openapi.json`)
      sent.set(table, new Set([...(sent.get(table) ?? []), ...(values ?? [])]))
    }
    for (const [table, values] of sent) for (const k of Object.keys(table)) if (!values.has(k)) stale.push(`a table names ${k}`)
    for (const where of Object.keys(unnamed)) if (!found.has(where)) stale.push(`${where}: not in openapi.json`)
    expect(stale).toEqual([])
  })

  it('takes its codes from the generated schema, not from strings of its own', () => {
    expectTypeOf<labels.Procedure>().toEqualTypeOf<'open_tender' | 'quick_quote' | 'dps_call'>()
    expectTypeOf<labels.Locality>().toEqualTypeOf<'local' | 'sub_regional' | 'regional' | 'national'>()
    expectTypeOf<labels.SearchStatus>().toEqualTypeOf<'open' | 'closed' | 'cancelled'>()
    expectTypeOf<labels.MessageKind>().toEqualTypeOf<'match' | 'planned' | 'amended' | 'cancelled' | 'reminder' | 'invited' | 'decision' | 'applied' | 'due' | 'clarification' | 'your_question' | 'clarification_late'>()
  })

  it('keeps an unknown status readable, in grey', () => {
    expect(labels.tagOf(labels.dpsStatusTags, 'open')).toEqual({ text: 'Open', colour: 'green' })
    expect(labels.tagOf(labels.dpsStatusTags, 'paused')).toEqual({ text: 'paused', colour: 'grey' })
    expect(labels.procedureName('')).toBe('Not chosen yet')
    expect(labels.legalFormLabel('charitable_company')).toBe('Charitable company')
  })
})
