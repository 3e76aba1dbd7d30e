// The council's settings (its name, the service name, where feedback goes) come
// from GET /api/v1/site, so one build serves any council.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, call, type Site } from '../api/client'

/** The service name used until /api/v1/site answers, and if it never does. */
export const DEFAULT_SERVICE_NAME = 'Find and win council work'

const fallback: Site = {
  councilName: '',
  councilCode: '',
  neighbours: [],
  serviceName: DEFAULT_SERVICE_NAME,
  feedbackUrl: '',
  procurementEmail: '',
  opportunityRules: { minDays: {}, socialValueMinBp: 2000, socialValueFloorBp: 500, reservedThresholdPence: 0 },
}

const SiteContext = createContext<Site>(fallback)

/** SiteProvider loads the site settings once; until then (or on failure) the defaults apply. */
export function SiteProvider({ children, initial }: { children: ReactNode; initial?: Site }) {
  const [site, setSite] = useState<Site>(initial ?? fallback)
  useEffect(() => {
    if (initial) return
    let live = true
    call(api.GET('/api/v1/site'))
      .then((s) => live && setSite(s))
      // The header can do without the council's name; the pages that need the
      // service will say so themselves if it is down.
      .catch(() => {})
    return () => {
      live = false
    }
  }, [initial])
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>
}

/** useSite returns the site settings. */
export function useSite(): Site {
  return useContext(SiteContext)
}
