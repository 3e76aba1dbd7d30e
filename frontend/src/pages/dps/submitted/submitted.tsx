import { Link, Navigate, useParams } from 'react-router'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { appPath, fetchApplication } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { formatDue } from '../labels'
import type { Application } from '../types'

/** Submitted confirms that an application was sent, and says by when the council will decide. */
export function Submitted() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplication(id), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(app) => <Done app={app} />}
    </LoadGate>
  )
}

function Done({ app }: { app: Application }) {
  if (app.status !== 'submitted') return <Navigate to={appPath(app.id)} replace />
  const title = 'Application sent'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title}>
            Your application to <strong>{app.dpsTitle}</strong>
          </Panel>
          {app.dueAt && <p className="govuk-body-l">We will decide by {formatDue(app.dueAt)}.</p>}
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">
            The council checks your answers for each category you applied for. We will tell you by email and in your inbox whether you are
            admitted, and if you are not, why not.
          </p>
          <p className="govuk-body">
            Once you are admitted to a category, you are invited to bid for every contract in it.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={appPath(app.id)}>
              See your application
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/dps-applications">
              All your applications
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
