import { useEffect, type ReactNode } from 'react'
import { hasNavigated } from '../../app/navigation'
import { useSite } from '../../app/site'

/** Props for Page. */
export interface PageProps {
  /** The page's name, as its h1 says it. */
  title: string
  /** Puts `Error: ` before the title while the page shows errors. */
  error?: boolean
  /** Moves focus to the heading on mount even without a navigation (a page swapped in place). */
  focusHeading?: boolean
  children: ReactNode
}

/**
 * pageTitle is the document title for a page: "<Page> – <service> – <council>",
 * without the service name twice on the start page, whose title it is.
 */
export function pageTitle(title: string, serviceName: string, councilName: string, error = false): string {
  const parts = [title, title === serviceName ? '' : serviceName, councilName].filter(Boolean)
  return `${error ? 'Error: ' : ''}${parts.join(' – ')}`
}

/**
 * Page sets the document title and, after a navigation inside the app, moves focus
 * to the page's h1 so that screen reader users hear where they are.
 */
export function Page({ title, error = false, focusHeading = false, children }: PageProps) {
  const { serviceName, councilName } = useSite()

  useEffect(() => {
    document.title = pageTitle(title, serviceName, councilName, error)
  }, [title, serviceName, councilName, error])

  useEffect(() => {
    if (!hasNavigated() && !focusHeading) return
    const h1 = document.querySelector<HTMLElement>('#main-content h1')
    if (!h1) return
    h1.tabIndex = -1
    h1.classList.add('app-heading--focusable')
    h1.focus()
    // Mount only: later re-renders of the same page must not steal focus.
  }, [])

  return <>{children}</>
}
