import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router'
import type { Site } from '../api/client'
import { SessionProvider } from '../app/session'
import { SiteProvider } from '../app/site'
import { PageLayout } from '../components/page-layout/page-layout'

/** The site settings unit tests use. */
export const testSite: Site = {
  councilName: 'Islington Council',
  councilCode: 'E09000019',
  neighbours: [],
  serviceName: 'Find and win council work',
  feedbackUrl: 'mailto:feedback@example.com',
  procurementEmail: 'procurement@islington.example.gov.uk',
  opportunityRules: {
    minDays: { open_tender: 25, quick_quote: 10, dps_call: 10 },
    socialValueMinBp: 2000,
    socialValueFloorBp: 500,
    reservedThresholdPence: 21_490_400,
  },
}

/** LocationProbe prints the current path and state so tests can see where a page went. */
export function LocationProbe() {
  const loc = useLocation()
  return (
    <output data-testid="location" data-state={JSON.stringify(loc.state ?? null)}>
      {loc.pathname + loc.search}
    </output>
  )
}

/**
 * renderPage renders routes inside the real page layout and providers, starting
 * at path. Other paths render only the location probe.
 */
export function renderPage(routes: ReactNode, path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <SiteProvider initial={testSite}>
        <SessionProvider>
          <PageLayout>
            <Routes>
              {routes}
              <Route path="*" element={<h1>Elsewhere</h1>} />
            </Routes>
          </PageLayout>
          <LocationProbe />
        </SessionProvider>
      </SiteProvider>
    </MemoryRouter>,
  )
}
