import { Page } from '../../components/page/page'

/** LoadingPage stands in for a two-step verification page while it asks the server. */
export function LoadingPage({ title, message = 'Loading.' }: { title: string; message?: string }) {
  return (
    <Page title={title}>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body" role="status">
        {message}
      </p>
    </Page>
  )
}
