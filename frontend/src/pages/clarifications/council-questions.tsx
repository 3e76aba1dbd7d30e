// The "Questions and answers" part of the buyer's page for a published
// opportunity. It lives with the other clarification pages; the overview only
// places it.
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../api/client'
import { clarifyPath, queuePath } from './labels'

/**
 * CouncilQuestions says how many suppliers' questions on an opportunity wait
 * for an answer, linking to the queue of its questions, and offers to publish
 * a clarification nobody asked for.
 */
export function CouncilQuestions({ opportunityId }: { opportunityId: string }) {
  // undefined while loading or when the count cannot be had: the links still work.
  const [waiting, setWaiting] = useState<number | undefined>()
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/clarifications/queue', { params: { query: { opportunityId, waiting: true } } }))
      .then((r) => live && setWaiting(r.items.length))
      .catch(() => live && setWaiting(undefined))
    return () => {
      live = false
    }
  }, [opportunityId])
  return (
    <>
      <h2 className="govuk-heading-m">Suppliers’ questions</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={queuePath(opportunityId)}>
          Questions and answers{waiting === undefined ? '' : `: ${waiting} waiting`}
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={clarifyPath(opportunityId)}>
          Publish a clarification
        </Link>
      </p>
    </>
  )
}
