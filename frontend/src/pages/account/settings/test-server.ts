// The stand-in server the settings pages' tests share: a signed-in supplier,
// plus whatever a test answers itself.
import { json, mockServer, supplier, type Route } from '../../../test/fetch'

/** signedIn answers as the server does for a signed-in supplier; extra answers first. */
export function signedIn(extra: Route = () => undefined, me: object = supplier): Request[] {
  return mockServer(async (req, url) => {
    const answer = await extra(req, url)
    if (answer) return answer
    if (url.pathname === '/api/v1/me') return json(200, me)
    if (url.pathname === '/api/v1/site')
      return json(200, { councilName: 'Islington Council', serviceName: 'Find and win council work', feedbackUrl: 'mailto:feedback@example.com' })
    return undefined
  })
}

/** fieldProblem is a 422 naming one field, as the API sends it. */
export function fieldProblem(field: string, message: string): Response {
  return json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: `body.${field}`, message }] })
}
