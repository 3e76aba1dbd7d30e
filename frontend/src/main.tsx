import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { AppRoutes } from './app/app'
import { SessionProvider } from './app/session'
import { SiteProvider } from './app/site'
import './styles/main.scss'

// govuk-frontend styles some components differently once scripts can run.
document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SiteProvider>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </SiteProvider>
    </BrowserRouter>
  </StrictMode>,
)
