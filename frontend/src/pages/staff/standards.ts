/**
 * The ethical standards suppliers declare against (DESIGN.md), as the API keys
 * them. The API lists them only inside a profile, so the buyers' filter keeps
 * its own copy: keep it in step with backend/suppliers/store.go.
 */
export const standards: { key: string; title: string }[] = [
  { key: 'london_living_wage', title: 'London Living Wage' },
  { key: 'no_blacklisting', title: 'No blacklisting of trade union members' },
  { key: 'modern_slavery', title: 'Modern slavery safeguards' },
  { key: 'ethical_care_charter', title: 'UNISON Ethical Care Charter' },
  { key: 'end_violence_at_work', title: 'End Violence at Work Charter' },
  { key: 'safer_urban_driving', title: 'Safer Urban Driving' },
]
