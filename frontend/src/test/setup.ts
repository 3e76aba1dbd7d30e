// Runs before every unit test file. The files share one jsdom window per worker
// (vite.config.ts: isolate: false), so whatever one file leaves behind is put
// back here: the document, storage, cookies, timers and our own modules' state.
import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// findBy… and waitFor wait up to 15 s for what the user would see (Testing
// Library's default, 1 s, fails on a busy machine). A test that passes still
// finishes as soon as the text is there.
configure({ asyncUtilTimeout: 15_000 })

// Each file gets fresh copies of the modules under src/ (module-level caches,
// such as the local authorities list, and flags such as "has navigated"),
// while React, jsdom and Testing Library, loaded from node_modules, are shared.
vi.resetModules()

afterEach(async () => {
  cleanup()
  vi.useRealTimers()
  // Imported now, not at the top, so that it is the copy this file's tests use.
  const { resetNavigation } = await import('../app/navigation')
  resetNavigation()
  sessionStorage.clear()
  localStorage.clear()
  document.title = ''
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
})
