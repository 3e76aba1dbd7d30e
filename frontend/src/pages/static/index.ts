// The information pages linked from the footer, loaded together as one chunk.
export { AccessibilityStatement } from './accessibility-statement/accessibility-statement'
export { PrivacyNotice } from './privacy-notice/privacy-notice'
export { Cookies } from './cookies/cookies'
export { Glossary } from './glossary/glossary'
