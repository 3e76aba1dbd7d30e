import type { MouseEvent } from 'react'

// The browser would move focus to #main-content by itself, but a client-side
// router may treat the hash change as a navigation; focusing by hand avoids it.
function skip(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main-content')
  if (!main) return
  event.preventDefault()
  main.tabIndex = -1
  main.focus()
}

/** SkipLink is the GOV.UK skip link to the main content, the first thing on every page. */
export function SkipLink() {
  return (
    <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link" onClick={skip}>
      Skip to main content
    </a>
  )
}
