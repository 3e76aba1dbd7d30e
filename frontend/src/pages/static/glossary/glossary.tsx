import { Page } from '../../../components/page/page'
import { terms } from './terms'

/**
 * Glossary explains in plain English every term of council buying we cannot
 * avoid. Each term is a heading, so screen reader users can jump between them,
 * with an id so other pages can link to it (/glossary#dps).
 */
export function Glossary() {
  const title = 'Glossary'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body-l">What the words used in council buying mean.</p>
          {terms.map((t) => (
            <section key={t.id} aria-labelledby={t.id}>
              <h2 id={t.id} className="govuk-heading-m">
                {t.term}
                {t.also && <span className="govuk-caption-m app-glossary__also">{t.also}</span>}
              </h2>
              {t.meaning.map((m) => (
                <p className="govuk-body" key={m}>
                  {m}
                </p>
              ))}
            </section>
          ))}
        </div>
      </div>
    </Page>
  )
}
