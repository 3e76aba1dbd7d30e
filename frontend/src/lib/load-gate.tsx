// What a page shows until what it loads is there: a loading page, the page
// not found, a refusal with the server's reason, or the service problem page.
import type { ReactNode } from 'react'
import { Page } from '../components/page/page'
import { PageNotFound } from '../pages/errors/page-not-found/page-not-found'
import { ServiceProblem } from '../pages/errors/service-problem/service-problem'
import type { Load } from './use-load'

/**
 * LoadingPage stands in for a page while it asks the server. Its message is a
 * polite live region (role="status"), so a screen reader says it without
 * interrupting, and the heading is the one the page will have, so the page
 * does not jump when it arrives.
 */
export function LoadingPage({ title = 'Loading', message = 'Please wait.' }: { title?: string; message?: string }) {
  return (
    <Page title={title}>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body" role="status">
        {message}
      </p>
    </Page>
  )
}

/** RefusedPage says that the server refused to show something, with its reason. */
export function RefusedPage({ title, detail }: { title: string; detail: string }) {
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">{detail}</p>
        </div>
      </div>
    </Page>
  )
}

/** Props for LoadGate. */
export interface LoadGateProps<T> {
  load: Load<T>
  /** The loading page's title: "Loading" unless the page says otherwise. */
  loadingTitle?: string
  /** What the loading page says: "Please wait." unless the page says otherwise. */
  loadingMessage?: string
  /** The title of the page shown when the server refuses. */
  refusedTitle?: string
  /** What that page says when the server gives no reason of its own. */
  refusedDetail?: string
  /** Offers "Go back and try again" on the service problem page. */
  onRetry?: () => void
  children: (data: T) => ReactNode
}

/** LoadGate shows loading, not found, refusal or the service problem, or its children once loaded. */
export function LoadGate<T>({
  load,
  loadingTitle,
  loadingMessage,
  refusedTitle = 'You cannot see this page',
  refusedDetail = 'This page is for a different kind of account from yours.',
  onRetry,
  children,
}: LoadGateProps<T>) {
  switch (load.kind) {
    case 'loading':
      return <LoadingPage title={loadingTitle} message={loadingMessage} />
    case 'down':
      return <ServiceProblem onRetry={onRetry} />
    case 'missing':
      return <PageNotFound />
    case 'refused':
      return <RefusedPage title={refusedTitle} detail={load.detail || refusedDetail} />
    case 'ready':
      return <>{children(load.data)}</>
  }
}
