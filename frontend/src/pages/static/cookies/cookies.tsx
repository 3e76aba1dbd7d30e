import { Page } from '../../../components/page/page'

const cookies = [
  {
    name: 'ft_access',
    purpose: 'Keeps you signed in as you move between pages.',
    expires: '15 minutes, or when you sign out',
  },
  {
    name: 'ft_refresh',
    purpose: 'Signs you in again without your password when ft_access runs out. Only sent when that happens.',
    expires: '30 days after you last used the service, or when you sign out or change your password',
  },
  {
    name: 'ft_csrf',
    purpose: 'Proves that a form you send came from this service and not from another website.',
    expires: 'When you sign out, or at the same time as ft_refresh',
  },
]

/** Cookies lists the essential cookies the service sets; it sets no others, so it needs no banner. */
export function Cookies() {
  const title = 'Cookies'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Cookies are small files saved on your phone, tablet or computer when you visit a website.
          </p>
          <p className="govuk-body">
            We only use cookies that the service needs to work. They are set when you sign in. We do not use cookies to
            measure how you use the service or to show you adverts, so we do not ask for your permission to set them.
          </p>
          <h2 className="govuk-heading-m">Essential cookies</h2>
        </div>
      </div>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Essential cookies we set</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Purpose
            </th>
            <th scope="col" className="govuk-table__header">
              Expires
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {cookies.map((c) => (
            <tr className="govuk-table__row" key={c.name}>
              <th scope="row" className="govuk-table__header">
                {c.name}
              </th>
              <td className="govuk-table__cell">{c.purpose}</td>
              <td className="govuk-table__cell">{c.expires}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  )
}
